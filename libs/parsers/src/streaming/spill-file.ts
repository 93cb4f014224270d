import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { RandomAccessBytes } from './byte-source.js';

interface Segment {
  /** File offset in the report of the segment's first byte. */
  offset: number;
  /** Position of that byte in the spill file. */
  position: number;
  length: number;
}

/**
 * A temporary file holding the byte ranges of a streamed report that must be
 * read a second time, addressed by their offsets in the report. It is created
 * on the first write and deleted by `close`. Writes are synchronous because
 * they happen inside the scanner's synchronous loop.
 */
export class SpillFile implements RandomAccessBytes {
  private dir: string | null = null;
  private fd: number | null = null;
  private size = 0;
  private readonly segments: Segment[] = [];

  constructor(
    private readonly chunkBytes: number,
    private readonly parentDirectory: string,
  ) {}

  write(offset: number, bytes: Uint8Array): void {
    if (bytes.length === 0) {
      return;
    }
    if (this.fd === null) {
      this.dir = mkdtempSync(join(this.parentDirectory, 'sieve-spill-'));
      this.fd = openSync(join(this.dir, 'members.json'), 'w+', 0o600);
    }
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(this.fd, bytes, written, bytes.length - written, this.size + written);
    }
    const last = this.segments[this.segments.length - 1];
    if (last !== undefined && last.offset + last.length === offset) {
      last.length += bytes.length;
    } else {
      this.segments.push({ offset, position: this.size, length: bytes.length });
    }
    this.size += bytes.length;
  }

  async *read(start: number, end: number): AsyncIterable<Buffer> {
    const segment = this.segmentAt(start);
    if (this.fd === null || segment === undefined || end > segment.offset + segment.length) {
      throw new Error(`bytes ${start}-${end} of the report were not kept in the spill file`);
    }
    let position = segment.position + (start - segment.offset);
    let remaining = end - start;
    while (remaining > 0) {
      const buffer = Buffer.allocUnsafe(Math.min(this.chunkBytes, remaining));
      const bytesRead = readSync(this.fd, buffer, 0, buffer.length, position);
      if (bytesRead === 0) {
        throw new Error(`spill file ended before byte ${end} of the report`);
      }
      position += bytesRead;
      remaining -= bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  }

  close(): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
    if (this.dir !== null) {
      rmSync(this.dir, { recursive: true, force: true });
      this.dir = null;
    }
  }

  // Segments are written in offset order, so a binary search finds the one holding `offset`.
  private segmentAt(offset: number): Segment | undefined {
    let low = 0;
    let high = this.segments.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const segment = this.segments[middle] as Segment;
      if (offset < segment.offset) {
        high = middle - 1;
      } else if (offset >= segment.offset + segment.length) {
        low = middle + 1;
      } else {
        return segment;
      }
    }
    return undefined;
  }
}
