import type { NormalizedFinding, ParsedFinding, ReportParsed, ReportReceived } from '@sieve/contracts';
import { imageName, ReportRejectedError } from '@sieve/domain';
import type { OutgoingMessage } from '@sieve/messaging';
import { readReport, type OpenedReport, type ParseSummary, type ParseWarning } from '@sieve/parsers';
import { storedReport } from '../ingest/report-content.js';
import type { StageContext } from '../stage-context.js';

/** Findings handed to the bus at a time while a report is read. */
export const NORMALIZED_BATCH = 500;

/** Publishes a handler's messages and resolves when the bus has taken them. */
export type Publish = (messages: OutgoingMessage[]) => Promise<void>;

/**
 * Reads a stored report, detects its format from content, and publishes one
 * sieve.finding.normalized.v1 per finding followed by one
 * sieve.report.parsed.v1 that states whether it was parsed or rejected and why.
 * A large report of a streamable format is read as a stream, and its findings
 * go out in batches while the rest is still being parsed.
 */
// Event ids derive from the report id and the finding's position, so a
// redelivered report.received yields the same events and dedup skips them.
export class NormalizeHandler {
  constructor(private readonly context: StageContext) {}

  async handle(event: ReportReceived, publish: Publish): Promise<void> {
    const log = this.context.logger.child({ reportId: event.reportId, eventId: event.eventId });
    const size = await this.context.unitOfWork.run((repositories) => repositories.reports.findSize(event.reportId));
    if (size === null) {
      throw new Error(`report ${event.reportId} is not in the store`);
    }

    let opened: OpenedReport;
    try {
      opened = await readReport(storedReport(this.context, event.reportId, size), {
        toolHint: event.toolHint,
        sourceName: event.sourceName,
        streamAbove: this.context.streamReportsAbove,
      });
    } catch (error) {
      return publish([await this.rejected(event, error, log)]);
    }

    const parsedAt = this.context.now();
    const filing = new FindingFiling(event, parsedAt);
    let broken: ReportRejectedError | null = null;
    try {
      for await (const finding of opened.findings) {
        if (filing.asset === null) {
          filing.asset = await this.assetOf(event, opened.findings.assetName);
        }
        const batch = filing.add(finding);
        if (batch !== null) await publish(batch);
      }
    } catch (error) {
      if (!(error instanceof ReportRejectedError) || filing.count === 0) {
        return publish([await this.rejected(event, error, log)]);
      }
      broken = error;
      log.warn({ code: error.code, location: error.location, findings: filing.count }, `streamed report breaks partway; findings read before it are kept: ${error.message}`);
    }
    await publish(filing.rest());

    const summary = broken === null ? opened.findings.summary : null;
    const outcome = await this.recordParsed(event, opened, filing, summary, broken, parsedAt);
    log.info({ format: opened.format, streamed: opened.streamed, findings: filing.count, warnings: outcome.warnings.length, asset: outcome.asset }, 'report parsed');
    await publish([{ topic: 'sieve.report.parsed.v1', value: outcome }]);
  }

  /**
   * Writes the outcome and the asset's components, and builds the parsed
   * event. A streamed report that broke after some findings keeps them, is
   * marked incomplete so that it closes nothing, and gets a warning naming where it broke.
   */
  private async recordParsed(
    event: ReportReceived,
    opened: OpenedReport,
    filing: FindingFiling,
    summary: ParseSummary | null,
    broken: ReportRejectedError | null,
    parsedAt: Date,
  ): Promise<ReportParsed> {
    const warnings: ParseWarning[] = [...(summary?.warnings ?? [])];
    if (broken !== null) {
      warnings.push({
        message: `report breaks after ${filing.count} findings were read: ${broken.message}; those findings are kept and the scan is treated as partial`,
        location: broken.location,
      });
    }
    const finalAsset = summary === null ? null : await this.assetOf(event, summary.assetName);
    const asset = filing.asset ?? finalAsset ?? event.asset;
    if (finalAsset !== null && finalAsset !== asset) {
      warnings.push({ message: `the report names asset "${finalAsset}" only after its first finding; its findings are filed under "${asset}"`, location: null });
    }
    const tool = summary?.tool ?? { name: 'unknown', version: null };
    const complete = summary?.complete ?? false;

    await this.context.unitOfWork.run(async (repositories) => {
      await repositories.reports.recordOutcome(event.reportId, {
        status: 'parsed',
        format: opened.format,
        toolName: tool.name,
        toolVersion: tool.version,
        complete,
        findingCount: filing.count,
        error: null,
        warnings,
        parsedAt,
      });
      await repositories.assets.ensureExist([asset]);
      await repositories.components.upsertMany(
        (summary?.components ?? []).map((component) => ({ ...component, asset, report_id: event.reportId, observed_at: parsedAt })),
      );
    });
    return {
      eventId: `${event.reportId}/parsed`,
      reportId: event.reportId,
      asset,
      scope: event.scope,
      format: opened.format,
      tool,
      status: 'parsed',
      error: null,
      warnings,
      findingCount: filing.count,
      complete,
      parsedAt: parsedAt.getTime(),
    };
  }

  /**
   * Decides the asset a report's findings belong to, and makes sure it
   * exists before any of them is published. A name given by the submitter
   * wins. Next comes the asset a catalog links to the image the report
   * names. After that, the report's own asset name is used, and last the
   * folder name that ingest derived.
   */
  private async assetOf(event: ReportReceived, reportAsset: string | null): Promise<string> {
    return this.context.unitOfWork.run(async (repositories) => {
      let asset = event.asset;
      if (event.assetSource !== 'submitter' && reportAsset !== null) {
        asset = (await repositories.assets.findNameByImage(imageName(reportAsset))) ?? reportAsset;
      }
      await repositories.assets.ensureExist([asset]);
      return asset;
    });
  }

  private async rejected(event: ReportReceived, error: unknown, log: StageContext['logger']): Promise<OutgoingMessage> {
    if (!(error instanceof ReportRejectedError)) {
      throw error;
    }
    log.warn({ code: error.code, location: error.location, source: event.sourceName }, `report rejected: ${error.message}`);
    const parsedAt = this.context.now();
    const reportError = { code: error.code, message: error.message, location: error.location };
    await this.context.unitOfWork.run((repositories) =>
      repositories.reports.recordOutcome(event.reportId, {
        status: 'rejected',
        format: null,
        toolName: null,
        toolVersion: null,
        complete: false,
        findingCount: 0,
        error: reportError,
        warnings: [],
        parsedAt,
      }),
    );
    const rejected: ReportParsed = {
      eventId: `${event.reportId}/parsed`,
      reportId: event.reportId,
      asset: event.asset,
      scope: event.scope,
      format: null,
      tool: null,
      status: 'rejected',
      error: reportError,
      warnings: [],
      findingCount: 0,
      complete: false,
      parsedAt: parsedAt.getTime(),
    };
    return { topic: 'sieve.report.parsed.v1', value: rejected };
  }
}

/** Turns parsed findings into normalized-finding messages, a batch at a time, numbered in report order. */
class FindingFiling {
  asset: string | null = null;
  count = 0;
  private batch: OutgoingMessage[] = [];

  constructor(
    private readonly event: ReportReceived,
    private readonly parsedAt: Date,
  ) {}

  /** Adds a finding and returns a full batch to publish, or null. */
  add(finding: ParsedFinding): OutgoingMessage[] | null {
    const sequence = this.count++;
    this.batch.push({
      topic: 'sieve.finding.normalized.v1',
      value: {
        eventId: `${this.event.reportId}/finding/${sequence}`,
        reportId: this.event.reportId,
        asset: this.asset!,
        scope: this.event.scope,
        sequence,
        observedAt: this.parsedAt.getTime(),
        finding,
      } satisfies NormalizedFinding,
    });
    return this.batch.length >= NORMALIZED_BATCH ? this.rest() : null;
  }

  /** Takes what has not been published yet. */
  rest(): OutgoingMessage[] {
    const batch = this.batch;
    this.batch = [];
    return batch;
  }
}
