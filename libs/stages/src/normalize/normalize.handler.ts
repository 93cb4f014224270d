import type { NormalizedFinding, ReportParsed, ReportReceived } from '@sieve/contracts';
import { imageName, ReportRejectedError } from '@sieve/domain';
import type { OutgoingMessage } from '@sieve/messaging';
import type { Repositories } from '@sieve/persistence';
import { parseReport, type ParsedReport } from '@sieve/parsers';
import type { StageContext } from '../stage-context.js';

/**
 * Reads a stored report, detects its format from content, and emits one
 * sieve.finding.normalized.v1 per finding followed by one
 * sieve.report.parsed.v1 that states whether it was parsed or rejected and why.
 */
// Event ids derive from the report id and the finding's position, so a
// redelivered report.received yields the same events and dedup skips them.
export class NormalizeHandler {
  constructor(private readonly context: StageContext) {}

  async handle(event: ReportReceived): Promise<OutgoingMessage[]> {
    const log = this.context.logger.child({ reportId: event.reportId, eventId: event.eventId });
    const bytes = await this.context.unitOfWork.run((repositories) => repositories.reports.findContent(event.reportId));
    if (bytes === null) {
      throw new Error(`report ${event.reportId} is not in the store`);
    }

    let parsed: ParsedReport;
    try {
      parsed = parseReport(bytes, { toolHint: event.toolHint, sourceName: event.sourceName });
    } catch (error) {
      if (!(error instanceof ReportRejectedError)) {
        throw error;
      }
      log.warn({ code: error.code, location: error.location, source: event.sourceName }, `report rejected: ${error.message}`);
      return [await this.reject(event, error)];
    }

    const parsedAt = this.context.now();
    const asset = await this.context.unitOfWork.run(async (repositories) => {
      const asset = await this.assetOf(event, parsed, repositories);
      await repositories.reports.recordOutcome(event.reportId, {
        status: 'parsed',
        format: parsed.format,
        toolName: parsed.tool.name,
        toolVersion: parsed.tool.version,
        complete: parsed.complete,
        findingCount: parsed.findings.length,
        error: null,
        warnings: parsed.warnings,
        parsedAt,
      });
      await repositories.assets.ensureExist([asset]);
      await repositories.components.upsertMany(
        parsed.components.map((component) => ({ ...component, asset, report_id: event.reportId, observed_at: parsedAt })),
      );
      return asset;
    });
    log.info({ format: parsed.format, findings: parsed.findings.length, warnings: parsed.warnings.length, asset }, 'report parsed');

    const findings: OutgoingMessage[] = parsed.findings.map((finding, sequence) => ({
      topic: 'sieve.finding.normalized.v1',
      value: {
        eventId: `${event.reportId}/finding/${sequence}`,
        reportId: event.reportId,
        asset,
        scope: event.scope,
        sequence,
        observedAt: parsedAt.getTime(),
        finding,
      } satisfies NormalizedFinding,
    }));
    const done: ReportParsed = {
      eventId: `${event.reportId}/parsed`,
      reportId: event.reportId,
      asset,
      scope: event.scope,
      format: parsed.format,
      tool: parsed.tool,
      status: 'parsed',
      error: null,
      warnings: parsed.warnings,
      findingCount: parsed.findings.length,
      complete: parsed.complete,
      parsedAt: parsedAt.getTime(),
    };
    return [...findings, { topic: 'sieve.report.parsed.v1', value: done }];
  }

  /**
   * Decides the asset a report's findings belong to. A name given by the
   * submitter wins. Next comes the asset a catalog links to the image the
   * report names. After that, the report's own asset name is used, and last
   * the folder name that ingest derived.
   */
  private async assetOf(event: ReportReceived, parsed: ParsedReport, repositories: Repositories): Promise<string> {
    if (event.assetSource === 'submitter' || parsed.assetName === null) {
      return event.asset;
    }
    const linked = await repositories.assets.findNameByImage(imageName(parsed.assetName));
    return linked ?? parsed.assetName;
  }

  private async reject(event: ReportReceived, error: ReportRejectedError): Promise<OutgoingMessage> {
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
