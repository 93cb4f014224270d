import { isUtf8 } from 'node:buffer';
import { JsonScanError } from './json-scan-error.js';

/**
 * Checks that a byte stream is valid UTF-8, chunk by chunk. A character split
 * across two chunks is held back (at most 3 bytes) and checked with the next
 * chunk. The fast path is Node's native `isUtf8`, and the byte-by-byte
 * decoder runs only to find the offset of a failure.
 */
export class Utf8Check {
  private tail: Buffer = Buffer.alloc(0);
  private tailOffset = 0;
  private tailLength = 0;

  /** Checks `chunk`, whose first byte is at `offset` in the file. Throws JsonScanError on invalid UTF-8. */
  check(chunk: Buffer, offset: number): void {
    let start = 0;
    if (this.tail.length > 0) {
      const take = Math.min(this.tailLength - this.tail.length, chunk.length);
      const joined = Buffer.concat([this.tail, chunk.subarray(0, take)]);
      start = take;
      if (joined.length < this.tailLength) {
        this.tail = joined;
        return;
      }
      this.checkComplete(joined, this.tailOffset);
      this.tail = Buffer.alloc(0);
    }

    const end = completeEnd(chunk, start);
    this.checkComplete(chunk.subarray(start, end), offset + start);
    if (end < chunk.length) {
      this.tail = Buffer.from(chunk.subarray(end));
      this.tailOffset = offset + end;
      this.tailLength = sequenceLength(chunk[end] ?? 0);
    }
  }

  /** Throws when the input ended inside a character. */
  end(): void {
    if (this.tail.length > 0) {
      throw new JsonScanError('invalid_utf8', 'file is not valid UTF-8 text: it ends inside a multi-byte character', this.tailOffset);
    }
  }

  private checkComplete(bytes: Buffer, offset: number): void {
    if (isUtf8(bytes)) {
      return;
    }
    const at = firstInvalidUtf8(bytes);
    throw new JsonScanError('invalid_utf8', 'file is not valid UTF-8 text', offset + (at < 0 ? 0 : at));
  }
}

/** Returns the index where an incomplete character at the end of `bytes` starts, or `bytes.length` when there is none. */
function completeEnd(bytes: Buffer, start: number): number {
  const n = bytes.length;
  for (let k = n - 1; k >= Math.max(start, n - 4); k--) {
    const byte = bytes[k] ?? 0;
    if ((byte & 0xc0) !== 0x80) {
      return k + sequenceLength(byte) > n ? k : n;
    }
  }
  return n;
}

/** Length of the character that a lead byte starts, or 1 for ASCII and for bytes that cannot start one. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) {
    return 2;
  }
  if (lead >= 0xe0 && lead <= 0xef) {
    return 3;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    return 4;
  }
  return 1;
}

/**
 * Returns the index of the first byte of the first ill-formed sequence, or -1
 * when `bytes` is valid UTF-8. Overlong forms, UTF-16 surrogates and code
 * points above U+10FFFF are ill-formed, as the Unicode Standard defines
 * well-formed UTF-8.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 1 || i + length > bytes.length) {
      return i;
    }
    const second = bytes[i + 1] ?? 0;
    const [low, high] = secondByteRange(lead);
    if (second < low || second > high) {
      return i;
    }
    for (let k = 2; k < length; k++) {
      if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) {
        return i;
      }
    }
    i += length;
  }
  return -1;
}

function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) {
    return [0xa0, 0xbf];
  }
  if (lead === 0xed) {
    return [0x80, 0x9f];
  }
  if (lead === 0xf0) {
    return [0x90, 0xbf];
  }
  if (lead === 0xf4) {
    return [0x80, 0x8f];
  }
  return [0x80, 0xbf];
}
