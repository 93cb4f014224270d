import { createHash } from 'node:crypto';
import type { OutgoingMessage } from '@sieve/messaging';
import type { AssetSource, ReportReceived } from '@sieve/contracts';
import { newId, redactSecrets } from '@sieve/domain';
import { parseReport } from '@sieve/parsers';
import type { StageContext } from '../stage-context.js';

export interface ReportSubmission {
  bytes: Buffer;
  asset: string;
  assetSource: AssetSource;
  scope?: string;
  toolHint?: string | null;
  commit?: string | null;
  sourceName?: string | null;
}

export interface IngestResult {
  reportId: string;
  /** True when the same bytes for the same asset and scope were stored before; nothing is emitted then. */
  duplicate: boolean;
  messages: OutgoingMessage[];
}

/** Largest report accepted, in bytes. */
export const MAX_REPORT_BYTES = 512 * 1024 * 1024;

/**
 * Accepts a report: stores it once per (bytes, asset, scope), with secret
 * values redacted before anything is written, and announces it on
 * sieve.report.received.v1.
 */
export class IngestHandler {
  constructor(private readonly context: StageContext) {}

  async submit(submission: ReportSubmission): Promise<IngestResult> {
    if (submission.bytes.length > MAX_REPORT_BYTES) {
      throw new RangeError(`report of ${submission.bytes.length} bytes exceeds the ${MAX_REPORT_BYTES}-byte limit`);
    }
    const sha256 = createHash('sha256').update(submission.bytes).digest('hex');
    const scope = submission.scope ?? '';
    const receivedAt = this.context.now();

    const { id, duplicate } = await this.context.unitOfWork.run((repositories) =>
      repositories.reports.insertIfAbsent({
        id: newId(),
        sha256,
        asset: submission.asset,
        scope,
        toolHint: submission.toolHint ?? null,
        commit: submission.commit ?? null,
        sourceName: submission.sourceName ?? null,
        sizeBytes: submission.bytes.length,
        storedBytes: redactForStorage(submission.bytes, submission.toolHint ?? null),
        receivedAt,
      }),
    );

    this.context.logger.info({ reportId: id, asset: submission.asset, duplicate, bytes: submission.bytes.length }, 'report received');
    if (duplicate) {
      return { reportId: id, duplicate, messages: [] };
    }

    const event: ReportReceived = {
      eventId: newId(),
      reportId: id,
      sha256,
      asset: submission.asset,
      assetSource: submission.assetSource,
      scope,
      toolHint: submission.toolHint ?? null,
      commit: submission.commit ?? null,
      sourceName: submission.sourceName ?? null,
      sizeBytes: submission.bytes.length,
      receivedAt: receivedAt.getTime(),
    };
    return { reportId: id, duplicate, messages: [{ topic: 'sieve.report.received.v1', value: event }] };
  }
}

/**
 * Returns the bytes to store: the report with every secret value its parser
 * found replaced by a redaction marker. A report that does not parse is stored
 * as it is; it holds no secret Sieve could recognise, and normalize rejects it.
 */
function redactForStorage(bytes: Buffer, toolHint: string | null): Buffer {
  let secretValues: string[];
  try {
    secretValues = parseReport(bytes, { toolHint }).secretValues;
  } catch {
    return bytes;
  }
  if (secretValues.length === 0) {
    return bytes;
  }
  return Buffer.from(redactSecrets(bytes.toString('utf8'), secretValues), 'utf8');
}
