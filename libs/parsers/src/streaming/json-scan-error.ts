import { ReportRejectedError } from '@sieve/domain';

/**
 * A report rejected by the streaming scanner, with the byte offset (from the
 * start of the file, byte-order mark included) of the problem. `location`
 * names the offset, and the line and column where the source allows a
 * second read to count them.
 */
export class JsonScanError extends ReportRejectedError {
  constructor(
    code: string,
    message: string,
    readonly offset: number,
    location: string = `byte ${offset}`,
    options?: { cause?: unknown },
  ) {
    super(code, message, location, options);
  }

  /** Returns the same error with `location` naming the line and column as well as the byte. */
  withPosition(line: number, column: number): JsonScanError {
    return new JsonScanError(this.code, this.message, this.offset, `line ${line}, column ${column} (byte ${this.offset})`, { cause: this.cause });
  }
}

/** Describes one input byte for an error message: the character when printable ASCII, else its hex value. */
export function describeByte(byte: number | undefined): string {
  if (byte === undefined) {
    return 'the end of the input';
  }
  if (byte >= 0x21 && byte <= 0x7e) {
    return `'${String.fromCharCode(byte)}'`;
  }
  return `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

export function truncatedError(offset: number, inside: string): JsonScanError {
  return new JsonScanError('truncated_json', `JSON ends unexpectedly inside ${inside} (the file looks truncated)`, offset);
}

export function syntaxError(offset: number, expected: string, found: number | undefined): JsonScanError {
  return new JsonScanError('invalid_json', `invalid JSON: expected ${expected}, found ${describeByte(found)}`, offset);
}
