import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { SecretRedactor } from '@sieve/domain';
import type { Repositories } from '@sieve/persistence';
import { HEAD_BYTES, openByteSource, type ReportBytes } from '@sieve/parsers';
import type { StageContext } from '../stage-context.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Bytes of the report in each stored gzip member. */
export const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Yields a report's bytes in pieces of at most CHUNK_BYTES. A piece of a file
 * is reused once the next one is requested, so each is consumed before that.
 */
export async function* piecesOf(report: ReportBytes): AsyncIterable<Buffer> {
  const input = openByteSource(report.source(), CHUNK_BYTES);
  try {
    yield* input.chunks;
  } finally {
    await input.close();
  }
}

/** SHA-256 of a report's bytes as received, read piece by piece. */
export async function sha256Of(report: ReportBytes): Promise<string> {
  const hash = createHash('sha256');
  for await (const piece of piecesOf(report)) {
    hash.update(piece);
  }
  return hash.digest('hex');
}

/**
 * Writes a report's content as numbered gzip members, with every secret
 * value replaced by its redaction marker before it is compressed. Without
 * secrets the bytes are stored as they came, so a report that is not valid
 * UTF-8 is kept for normalize to reject.
 */
export async function storeContent(repositories: Repositories, reportId: string, report: ReportBytes, secretValues: readonly string[]): Promise<void> {
  let seq = 0;
  const write = async (bytes: Buffer) => {
    await repositories.reports.appendChunk(reportId, seq++, await gzipAsync(bytes));
  };
  if (secretValues.length === 0) {
    for await (const piece of piecesOf(report)) {
      await write(piece);
    }
  } else {
    const pending = new PendingText();
    const decoder = new StringDecoder('utf8');
    const redactor = new SecretRedactor([...secretValues]);
    for await (const piece of piecesOf(report)) {
      pending.add(redactor.push(decoder.write(piece)));
      if (pending.length >= CHUNK_BYTES) await write(pending.take());
    }
    pending.add(redactor.push(decoder.end()) + redactor.end());
    if (pending.length > 0) await write(pending.take());
  }
  if (seq === 0) {
    await write(Buffer.alloc(0));
  }
}

// Redacted text collected until it fills a member, so that a report gets as
// many members as its size needs, not one per piece read.
class PendingText {
  private parts: string[] = [];
  length = 0;

  add(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  take(): Buffer {
    const bytes = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.length = 0;
    return bytes;
  }
}

/**
 * Opens a stored report as ReportBytes. Each gzip member is read in its own short
 * transaction, so streaming a large report keeps no transaction open.
 */
export function storedReport(context: StageContext, reportId: string, size: number): ReportBytes {
  const chunk = (seq: number) => context.unitOfWork.run((repositories) => repositories.reports.findChunk(reportId, seq));
  async function* members(): AsyncIterable<Buffer> {
    for (let seq = 0; ; seq++) {
      const gzipped = await chunk(seq);
      if (gzipped === null) return;
      yield await gunzipAsync(gzipped);
    }
  }
  return {
    size,
    head: async () => {
      const parts: Buffer[] = [];
      let length = 0;
      for await (const member of members()) {
        parts.push(member);
        length += member.length;
        if (length >= HEAD_BYTES) break;
      }
      return Buffer.concat(parts).subarray(0, HEAD_BYTES);
    },
    whole: async () => {
      const parts: Buffer[] = [];
      for await (const member of members()) parts.push(member);
      return Buffer.concat(parts);
    },
    source: () => members(),
  };
}
