import type { ElementEnds } from './element-ends.js';
import { JsonScanError, syntaxError, truncatedError } from './json-scan-error.js';

// Byte classes of the scanning loop: 0 for every byte that changes nothing.
const QUOTE = 1;
const OPEN_OBJECT = 2;
const OPEN_ARRAY = 3;
const CLOSE_OBJECT = 4;
const CLOSE_ARRAY = 5;
const BYTE_CLASS = new Uint8Array(256);
BYTE_CLASS[0x22] = QUOTE;
BYTE_CLASS[0x7b] = OPEN_OBJECT;
BYTE_CLASS[0x5b] = OPEN_ARRAY;
BYTE_CLASS[0x7d] = CLOSE_OBJECT;
BYTE_CLASS[0x5d] = CLOSE_ARRAY;

// Bytes that can continue a number or a literal (true, false, null).
const SCALAR_BYTE = new Uint8Array(256);
for (const character of '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+-.') {
  SCALAR_BYTE[character.charCodeAt(0)] = 1;
}

const BACKSLASH = 0x5c;
const QUOTE_BYTE = 0x22;
// Strings up to this many bytes are read byte by byte, because a native indexOf call costs more.
const SHORT_STRING = 16;

type ValueKind = 'container' | 'string' | 'scalar';

/** Treatment of the bytes of the value being scanned: kept, dropped, or written to the spill file. */
export type Collect = 'capture' | 'skip' | 'spill';

/** Receives the bytes of a value set aside for a second read, with the file offset of their first byte. */
export type SpillSink = (offset: number, bytes: Uint8Array) => void;

/**
 * Finds where one JSON value ends, across any number of chunks, tracking
 * only string, escape and bracket state. Captured bytes are kept for
 * JSON.parse. Skipped bytes are checked only for balanced brackets and closed
 * strings, so the grammar inside a skipped value is not validated.
 */
export class RawValueScan {
  startOffset = 0;
  private kind: ValueKind = 'container';
  private collect: Collect = 'skip';
  private depth = 0;
  private inString = false;
  private escape = false;
  private depthRoom = 0;
  private readonly bracketTypes: Uint8Array;
  private pieces: Buffer[] = [];
  private piecesLength = 0;
  /** Index in the current chunk where the bytes not yet collected begin. */
  private from = 0;
  private ends: ElementEnds | null = null;

  /** Byte length of the text last returned by `text`. */
  textBytes = 0;

  constructor(
    private readonly maxValueBytes: number,
    private readonly maxDepth: number,
    private readonly spill: SpillSink | null,
  ) {
    this.bracketTypes = new Uint8Array(maxDepth + 2);
  }

  /**
   * Starts a value whose first byte is `chunk[index]`, at file offset
   * `offset`. `depthRoom` is how many more brackets may open before the
   * maximum depth is exceeded. `ends`, for an array, receives the end offset
   * of each element that is an object or array.
   */
  begin(chunk: Buffer, index: number, offset: number, collect: Collect, depthRoom: number, ends: ElementEnds | null = null): void {
    const first = chunk[index] ?? 0;
    if (first === 0x7b || first === 0x5b) {
      this.kind = 'container';
    } else {
      this.kind = first === QUOTE_BYTE ? 'string' : 'scalar';
    }
    this.collect = collect;
    this.startOffset = offset;
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    this.depthRoom = depthRoom;
    this.pieces = [];
    this.piecesLength = 0;
    this.from = index;
    this.ends = ends;
  }

  /**
   * Scans from `index` and returns the index just past the value's last
   * byte, or -1 when the chunk ends first (call `suspend` then).
   * `chunkOffset` is the file offset of `chunk[0]`, for error messages.
   */
  scan(chunk: Buffer, index: number, chunkOffset: number): number {
    const n = chunk.length;
    let i = index;
    if (this.kind === 'scalar') {
      while (i < n && SCALAR_BYTE[chunk[i] ?? 0] === 1) {
        i++;
      }
      return i < n ? i : -1;
    }
    if (this.inString) {
      i = this.stringEnd(chunk, i);
      if (i < 0) {
        return -1;
      }
      this.inString = false;
      i++;
      if (this.depth === 0) {
        return i;
      }
    } else if (this.kind === 'string') {
      this.inString = true;
      i = this.stringEnd(chunk, i + 1);
      if (i < 0) {
        return -1;
      }
      this.inString = false;
      return i + 1;
    }
    return this.scanContainer(chunk, i, chunkOffset);
  }

  // The hot loop: most bytes have class 0 and cost one table lookup.
  private scanContainer(chunk: Buffer, index: number, chunkOffset: number): number {
    const n = chunk.length;
    const types = this.bracketTypes;
    let depth = this.depth;
    for (let i = index; i < n; i++) {
      const byteClass = BYTE_CLASS[chunk[i] as number] as number;
      if (byteClass === 0) {
        continue;
      }
      if (byteClass === QUOTE) {
        const end = this.stringEnd(chunk, i + 1);
        if (end < 0) {
          this.inString = true;
          this.depth = depth;
          return -1;
        }
        i = end;
      } else if (byteClass <= OPEN_ARRAY) {
        depth++;
        if (depth > this.depthRoom) {
          this.depth = depth;
          throw tooDeepError(chunkOffset + i, this.maxDepth);
        }
        types[depth] = byteClass;
      } else {
        if (types[depth] !== byteClass - 2) {
          throw syntaxError(chunkOffset + i, types[depth] === OPEN_OBJECT ? "'}' to close the object" : "']' to close the array", chunk[i]);
        }
        depth--;
        if (depth === 0) {
          this.depth = 0;
          return i + 1;
        }
        if (depth === 1 && this.ends !== null) {
          this.ends.push(chunkOffset + i + 1);
        }
      }
    }
    this.depth = depth;
    return -1;
  }

  /**
   * Returns the index of the closing quote of the string being read, or -1
   * with the escape state kept. A quote closes the string when an even number
   * of backslashes precedes it. Short strings are read in a loop; longer ones
   * jump from quote to quote with Buffer.indexOf, which is native.
   */
  private stringEnd(chunk: Buffer, index: number): number {
    const n = chunk.length;
    let i = index;
    if (this.escape) {
      if (i >= n) {
        return -1;
      }
      this.escape = false;
      i++;
    }
    const from = i;
    const loopEnd = Math.min(n, i + SHORT_STRING);
    for (; i < loopEnd; i++) {
      const byte = chunk[i];
      if (byte === QUOTE_BYTE) {
        return i;
      }
      if (byte === BACKSLASH) {
        i++;
        if (i >= n) {
          this.escape = true;
          return -1;
        }
      }
    }
    for (;;) {
      const quote = chunk.indexOf(QUOTE_BYTE, i);
      const stop = quote < 0 ? n : quote;
      let k = stop - 1;
      while (k >= from && chunk[k] === BACKSLASH) {
        k--;
      }
      const escaped = ((stop - 1 - k) & 1) === 1;
      if (quote < 0) {
        this.escape = escaped;
        return -1;
      }
      if (!escaped) {
        return quote;
      }
      i = quote + 1;
    }
  }

  /** Keeps (or spills) the rest of a chunk that ended inside the value. */
  suspend(chunk: Buffer, chunkOffset: number): void {
    const part = chunk.subarray(this.from);
    if (this.collect === 'capture') {
      this.piecesLength += part.length;
      if (this.piecesLength > this.maxValueBytes) {
        throw tooLargeError(this.startOffset, this.maxValueBytes);
      }
      this.pieces.push(Buffer.from(part));
    } else if (this.collect === 'spill' && this.spill !== null) {
      this.spill(chunkOffset + this.from, part);
    }
    this.from = 0;
  }

  /** Returns the captured text of a value that ended at `end` in `chunk`. */
  text(chunk: Buffer, end: number): string {
    const length = this.piecesLength + end - this.from;
    if (length > this.maxValueBytes) {
      throw tooLargeError(this.startOffset, this.maxValueBytes);
    }
    this.textBytes = length;
    if (this.pieces.length === 0) {
      return chunk.toString('utf8', this.from, end);
    }
    const text = Buffer.concat([...this.pieces, chunk.subarray(this.from, end)]).toString('utf8');
    this.pieces = [];
    return text;
  }

  /** Passes the last part of a spilled value to the sink. */
  finishSpill(chunk: Buffer, end: number, chunkOffset: number): void {
    if (this.collect === 'spill' && this.spill !== null) {
      this.spill(chunkOffset + this.from, chunk.subarray(this.from, end));
    }
  }

  /** Returns the text of a number or literal that the input ended in, or throws when the value is unfinished. */
  endOfInput(endOffset: number): string {
    if (this.kind !== 'scalar') {
      throw truncatedError(endOffset, this.inString || this.kind === 'string' ? 'a string' : 'an object or array');
    }
    const text = Buffer.concat(this.pieces).toString('utf8');
    this.textBytes = this.piecesLength;
    this.pieces = [];
    return text;
  }
}

export function tooDeepError(offset: number, maxDepth: number): JsonScanError {
  return new JsonScanError('too_deep', `JSON nests objects and arrays deeper than the maximum depth of ${maxDepth}`, offset);
}

export function tooLargeError(offset: number, limit: number): JsonScanError {
  return new JsonScanError('element_too_large', `JSON value starting here is larger than the ${limit}-byte limit for one parsed element`, offset);
}
