import { open, type FileHandle } from 'node:fs/promises';

/**
 * Where a report's bytes come from: a file path, bytes already in memory, or
 * a stream of chunks (a Node Readable without an encoding, or any async
 * iterable of Uint8Array). A path or bytes can be read a second time. A
 * stream cannot, so members set aside for a second read go to a spill file.
 */
export type JsonByteSource = string | Uint8Array | AsyncIterable<Uint8Array>;

/** Bytes that can be read again by file offset. */
export interface RandomAccessBytes {
  /** Yields the bytes from offset `start` up to, not including, `end`. */
  read(start: number, end: number): AsyncIterable<Buffer>;
}

/** Line (1-based) and column (1-based, in bytes) of a file offset. */
export interface TextPosition {
  line: number;
  column: number;
}

export interface ByteInput {
  chunks: AsyncIterable<Buffer>;
  /** Null for a stream, which can be read only once. */
  access: RandomAccessBytes | null;
  /** Counts lines up to an offset; null for a stream. */
  position: ((offset: number) => Promise<TextPosition>) | null;
  close(): Promise<void>;
}

export function openByteSource(source: JsonByteSource, chunkBytes: number): ByteInput {
  if (typeof source === 'string') {
    return new FileInput(source, chunkBytes);
  }
  if (source instanceof Uint8Array) {
    return memoryInput(asBuffer(source), chunkBytes);
  }
  return { chunks: streamChunks(source), access: null, position: null, close: async () => undefined };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

async function* streamChunks(source: AsyncIterable<Uint8Array>): AsyncIterable<Buffer> {
  for await (const chunk of source as AsyncIterable<unknown>) {
    if (!(chunk instanceof Uint8Array)) {
      throw new TypeError('a JSON byte stream must yield Buffer or Uint8Array chunks; a Readable must not have an encoding set');
    }
    yield asBuffer(chunk);
  }
}

function* slices(bytes: Buffer, start: number, end: number, chunkBytes: number): Iterable<Buffer> {
  for (let at = start; at < end; at += chunkBytes) {
    yield bytes.subarray(at, Math.min(end, at + chunkBytes));
  }
}

function memoryInput(bytes: Buffer, chunkBytes: number): ByteInput {
  return {
    chunks: toAsync(slices(bytes, 0, bytes.length, chunkBytes)),
    access: { read: (start, end) => toAsync(slices(bytes, start, end, chunkBytes)) },
    position: async (offset) => positionIn(bytes.subarray(0, offset)),
    close: async () => undefined,
  };
}

async function* toAsync(chunks: Iterable<Buffer>): AsyncIterable<Buffer> {
  yield* chunks;
}

/** Counts lines and columns over consecutive chunks of a file. */
class PositionCounter {
  line = 1;
  column = 1;

  add(chunk: Buffer): void {
    let lastNewline = -1;
    let newline = chunk.indexOf(0x0a);
    while (newline >= 0) {
      this.line++;
      lastNewline = newline;
      newline = chunk.indexOf(0x0a, newline + 1);
    }
    this.column = lastNewline >= 0 ? chunk.length - lastNewline : this.column + chunk.length;
  }
}

function positionIn(bytes: Buffer): TextPosition {
  const counter = new PositionCounter();
  counter.add(bytes);
  return { line: counter.line, column: counter.column };
}

/** A file read through one handle: in order for the first pass, by offset for replays and error positions. */
class FileInput implements ByteInput {
  private handle: Promise<FileHandle> | null = null;
  readonly access: RandomAccessBytes;
  readonly position: (offset: number) => Promise<TextPosition>;

  constructor(
    private readonly path: string,
    private readonly chunkBytes: number,
  ) {
    this.access = { read: (start, end) => this.readRange(start, end) };
    this.position = async (offset) => {
      const counter = new PositionCounter();
      for await (const chunk of this.readRange(0, offset)) {
        counter.add(chunk);
      }
      return { line: counter.line, column: counter.column };
    };
  }

  get chunks(): AsyncIterable<Buffer> {
    return this.readRange(0, Number.POSITIVE_INFINITY);
  }

  // Keeps the next read in flight while the caller scans the current chunk.
  // Two buffers take turns, because a chunk is not used any more once the
  // caller asks for the one after it (the scanner copies what it keeps).
  private async *readRange(start: number, end: number): AsyncIterable<Buffer> {
    this.handle ??= open(this.path, 'r');
    const handle = await this.handle;
    const buffers = [Buffer.allocUnsafe(this.chunkBytes), Buffer.allocUnsafe(this.chunkBytes)];
    let turn = 0;
    const readAt = async (position: number): Promise<Buffer> => {
      const buffer = buffers[turn] as Buffer;
      turn = 1 - turn;
      const { bytesRead } = await handle.read(buffer, 0, Math.min(this.chunkBytes, end - position), position);
      return buffer.subarray(0, bytesRead);
    };
    let at = start;
    let next = at < end ? readAt(at) : null;
    while (next !== null) {
      const chunk = await next;
      if (chunk.length === 0) {
        return;
      }
      at += chunk.length;
      next = at < end ? readAt(at) : null;
      yield chunk;
    }
  }

  async close(): Promise<void> {
    const handle = await this.handle?.catch(() => null);
    await handle?.close();
  }
}
