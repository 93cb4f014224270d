import type { OutgoingMessage } from '@sieve/messaging';
import type { AssetSource, ReportReceived } from '@sieve/contracts';
import { newId } from '@sieve/domain';
import { readReport, reportInFile, reportInMemory, type ReportBytes } from '@sieve/parsers';
import type { StageContext } from '../stage-context.js';
import { sha256Of, storeContent } from './report-content.js';

export interface ReportSubmission {
  /** The report in memory; give either this or `path`. */
  bytes?: Buffer;
  /** A file holding the report, read from disk a piece at a time, so its size is not bound by memory. */
  path?: string;
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

/** Largest report accepted, in bytes. Over 256 MiB only streamed formats (SARIF, Trivy) are read; others are rejected by normalize. */
export const MAX_REPORT_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Accepts a report: stores it once per (bytes, asset, scope), with secret
 * values redacted before anything is written, and announces it on
 * sieve.report.received.v1.
 */
export class IngestHandler {
  constructor(private readonly context: StageContext) {}

  async submit(submission: ReportSubmission): Promise<IngestResult> {
    const report = await reportBytesOf(submission);
    if (report.size > MAX_REPORT_BYTES) {
      throw new RangeError(`report of ${report.size} bytes exceeds the ${MAX_REPORT_BYTES}-byte limit`);
    }
    const sha256 = await sha256Of(report);
    const scope = submission.scope ?? '';
    const stored = await this.context.unitOfWork.run((repositories) => repositories.reports.findAccepted(sha256, submission.asset, scope));
    if (stored !== null) {
      this.context.logger.info({ reportId: stored, asset: submission.asset, duplicate: true, bytes: report.size }, 'report received');
      return { reportId: stored, duplicate: true, messages: [] };
    }
    const secretValues = await secretValuesOf(report, submission.toolHint ?? null);
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
        sizeBytes: report.size,
        receivedAt,
      });
      if (!stored.duplicate) {
        await storeContent(repositories, stored.id, report, secretValues);
      }
      return { ...stored, retried };
    });

    this.context.logger.info({ reportId: id, asset: submission.asset, duplicate, retriedReportId: retried, bytes: report.size }, 'report received');
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
      sizeBytes: report.size,
      receivedAt: receivedAt.getTime(),
    };
    return { reportId: id, duplicate, messages: [{ topic: 'sieve.report.received.v1', value: event }] };
  }
}

async function reportBytesOf(submission: ReportSubmission): Promise<ReportBytes> {
  if ((submission.bytes === undefined) === (submission.path === undefined)) {
    throw new TypeError('a report submission needs either bytes or a path, not both');
  }
  return submission.bytes !== undefined ? reportInMemory(submission.bytes) : reportInFile(submission.path!);
}

/**
 * Finds the secret values to redact before the report is stored. A wrong
 * tool hint must not keep a secret in storage, so a report that does not
 * parse as the hinted format is tried again with its format detected. A
 * report that parses neither way is stored as it is, because it contains no
 * secret Sieve could recognise, and normalize rejects it. A streamed report
 * that breaks partway gives the secrets found before the break: normalize
 * keeps the findings read up to there.
 */
async function secretValuesOf(report: ReportBytes, toolHint: string | null): Promise<readonly string[]> {
  return (await secretValuesAs(report, toolHint)) ?? (toolHint === null ? null : await secretValuesAs(report, null)) ?? [];
}

async function secretValuesAs(report: ReportBytes, toolHint: string | null): Promise<readonly string[] | null> {
  let opened;
  try {
    opened = await readReport(report, { toolHint });
  } catch {
    return null;
  }
  let read = 0;
  try {
    for await (const finding of opened.findings) {
      if (finding) read++;
    }
    return opened.findings.secretValues;
  } catch {
    return read > 0 ? opened.findings.secretValues : null;
  }
}
