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

    const { id, duplicate, retried } = await this.context.unitOfWork.run(async (repositories) => {
      const retried = await repositories.reports.deleteRejected(sha256, submission.asset, scope);
      const stored = await repositories.reports.insertIfAbsent({
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
      });
      return { ...stored, retried };
    });

    this.context.logger.info({ reportId: id, asset: submission.asset, duplicate, retriedReportId: retried, bytes: submission.bytes.length }, 'report received');
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
 * found replaced by a redaction marker. A wrong tool hint must not keep a
 * secret in storage, so a report that does not parse as the hinted format is
 * tried again with its format detected. A report that parses neither way is
 * stored as it is, because it contains no secret Sieve could recognise, and
 * normalize rejects it.
 */
function redactForStorage(bytes: Buffer, toolHint: string | null): Buffer {
  const secretValues = secretValuesOf(bytes, toolHint) ?? (toolHint === null ? null : secretValuesOf(bytes, null)) ?? [];
  if (secretValues.length === 0) {
    return bytes;
  }
  return Buffer.from(redactSecrets(bytes.toString('utf8'), secretValues), 'utf8');
}

function secretValuesOf(bytes: Buffer, toolHint: string | null): string[] | null {
  try {
    return parseReport(bytes, { toolHint }).secretValues;
  } catch {
    return null;
  }
}
