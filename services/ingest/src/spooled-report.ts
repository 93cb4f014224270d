import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { errorCodes } from 'fastify';

/**
 * An uploaded report written to a temporary file as it arrives, so a report
 * of a gigabyte never sits in memory. The file contains the bytes as sent,
 * secrets included, so it lives in a private folder and is removed as soon
 * as ingest has stored the redacted copy.
 */
export class SpooledReport {
  private constructor(
    readonly path: string,
    readonly size: number,
    private readonly folder: string,
  ) {}

  /** Writes a stream to a new temporary file; rejects with a 413 error past maxBytes and leaves nothing behind. */
  static async from(stream: Readable, maxBytes: number): Promise<SpooledReport> {
    const folder = await mkdtemp(join(tmpdir(), 'sieve-upload-'));
    const path = join(folder, 'report');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        callback(size > maxBytes ? reportTooLarge() : null, chunk);
      },
    });
    try {
      await pipeline(stream, counter, createWriteStream(path, { mode: 0o600 }));
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
    return new SpooledReport(path, size, folder);
  }

  async dispose(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }
}

/**
 * Fastify's own "body too large" error, raised when an upload passes the
 * limit, so that it gets the same 413 as a body Fastify measures itself.
 */
function reportTooLarge(): Error {
  return new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
}

/** Reads a small request body into memory, rejecting with a 413 error past maxBytes. */
export async function readBody(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      stream.destroy();
      throw reportTooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
