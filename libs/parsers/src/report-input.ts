import { ReportRejectedError } from '@sieve/domain';
import { firstInvalidUtf8 } from './streaming/utf8-check.js';

/** Largest report read as one JSON document; larger ones need a streaming parser. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/**
 * Deepest nesting of arrays and objects accepted in a JSON report. Real
 * reports stay far below it, because the SARIF and CycloneDX samples reach
 * about 20. Hostile reports use depth to exhaust the stack of code that walks them.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The bytes of one report with lazily decoded views of them. Each view is
 * computed once and shared by format detection and parsing, so a report is
 * decoded and JSON-parsed at most once.
 */
export class ReportInput {
  private textValue: string | undefined;
  private jsonValue: { ok: true; value: unknown } | { ok: false; error: ReportRejectedError } | undefined;

  /**
   * `receivedSize` is the size of the report as its producer wrote it, when
   * `bytes` is the stored copy. Redaction markers make that copy longer than
   * the original, and size limits and messages are about the original.
   */
  constructor(
    readonly bytes: Buffer,
    readonly sourceName: string | null = null,
    private readonly receivedSize: number | null = null,
  ) {}

  /** Size of the report as received, in bytes. */
  get size(): number {
    return this.receivedSize ?? this.bytes.length;
  }

  /** Returns the report as UTF-8 text without a byte-order mark; rejects invalid UTF-8 and binary content. */
  text(): string {
    if (this.textValue === undefined) {
      this.textValue = decodeText(this.bytes);
    }
    return this.textValue;
  }

  /** Returns the report parsed as one JSON document, or throws a rejection naming the line and column of the syntax error. */
  json(): unknown {
    if (this.jsonValue === undefined) {
      this.jsonValue = parseJsonDocument(this);
    }
    if (!this.jsonValue.ok) {
      throw this.jsonValue.error;
    }
    return this.jsonValue.value;
  }

  /** True when the report parses as one JSON document. */
  isJson(): boolean {
    try {
      this.json();
      return true;
    } catch {
      return false;
    }
  }
}

function decodeText(bytes: Buffer): string {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) {
    throw new ReportRejectedError('binary_content', 'file is binary (it contains NUL bytes), not a text report', `byte ${probe.indexOf(0)}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new ReportRejectedError('invalid_utf8', 'file is not valid UTF-8 text', at < 0 ? null : `byte ${at}`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseJsonDocument(input: ReportInput): { ok: true; value: unknown } | { ok: false; error: ReportRejectedError } {
  if (input.size > MAX_DOCUMENT_BYTES) {
    return {
      ok: false,
      error: new ReportRejectedError('too_large', `report of ${input.size} bytes exceeds the ${MAX_DOCUMENT_BYTES}-byte limit for one JSON document`),
    };
  }
  let text: string;
  try {
    text = input.text();
  } catch (error) {
    return { ok: false, error: error as ReportRejectedError };
  }
  const tooDeep = findExcessiveDepth(text, MAX_JSON_DEPTH);
  if (tooDeep !== null) {
    return { ok: false, error: tooDeep };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: jsonSyntaxError(text, error as Error) };
  }
}

/** Returns a rejection when arrays and objects nest deeper than the limit. */
function findExcessiveDepth(text: string, limit: number): ReportRejectedError | null {
  const offset = excessiveDepthOffset(text, limit);
  if (offset === null) {
    return null;
  }
  const line = text.slice(0, offset).split('\n').length;
  return new ReportRejectedError('too_deep', `JSON nests deeper than ${limit} levels`, `line ${line}, offset ${offset}`);
}

/**
 * Returns the offset of the bracket that takes arrays and objects deeper than
 * the limit, or null. Only brackets outside strings count.
 */
export function excessiveDepthOffset(text: string, limit: number): number | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > limit) {
        return i;
      }
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
    }
  }
  return null;
}

function jsonSyntaxError(text: string, error: Error): ReportRejectedError {
  const position = /position (\d+)/.exec(error.message);
  const offset = position ? Number(position[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const truncated = offset >= text.trimEnd().length;
  const problem = truncated ? 'JSON ends unexpectedly (the file looks truncated)' : `invalid JSON: ${error.message}`;
  return new ReportRejectedError(truncated ? 'truncated_json' : 'invalid_json', problem, `line ${line}, column ${column}`, { cause: error });
}
