import type { FindingChanged, ReportParsed } from '@sieve/contracts';
import { newId, SieveError } from '@sieve/domain';
import type { OutgoingMessage } from '@sieve/messaging';
import type { StageContext } from '../stage-context.js';

const HANDLER = 'dedup.lifecycle';

/**
 * Closes what a complete scan no longer reports. When a report is a complete
 * scan of its tool on an asset and scope, that tool's evidence it did not
 * confirm is marked absent, and a finding whose evidences are all absent
 * becomes fixed. Partial and rejected reports close nothing.
 */
export class LifecycleHandler {
  constructor(private readonly context: StageContext) {}

  async handle(event: ReportParsed): Promise<OutgoingMessage[]> {
    if (event.status !== 'parsed' || !event.complete || event.tool === null) {
      return [];
    }
    const tool = event.tool;
    const now = this.context.now();
    const closed = await this.context.unitOfWork.run(async (repositories) => {
      // Over Kafka the report's findings and this event travel on different
      // topics, so this event can arrive first. Closing before every finding
      // is applied would wrongly fix findings the report does contain.
      const applied = await repositories.reports.countDeduplicated(event.reportId);
      if (applied < event.findingCount) {
        throw new ReportNotYetDeduplicatedError(event.reportId, applied, event.findingCount);
      }
      const fresh = await repositories.processedEvents.claim(HANDLER, [event.eventId]);
      if (!fresh.has(event.eventId)) {
        return [];
      }
      const affected = await repositories.evidences.markAbsentExcept({ asset: event.asset, scope: event.scope, toolName: tool.name, reportId: event.reportId });
      const fixed = await repositories.findings.closeUnreported(affected, now);
      await repositories.findings.recomputeSeverity(affected);
      await repositories.findingEvents.insertMany(
        fixed.map((finding) => ({
          id: newId(),
          finding_id: finding.id,
          type: 'fixed' as const,
          from_status: null,
          to_status: 'fixed',
          cause: `absent from complete ${tool.name} scan`,
          actor: 'sieve:dedup',
          report_id: event.reportId,
          occurred_at: now,
        })),
      );
      return fixed;
    });
    if (closed.length > 0) {
      this.context.logger.info({ reportId: event.reportId, asset: event.asset, fixed: closed.length }, 'findings closed by complete scan');
    }
    return closed.map((finding) => ({
      topic: 'sieve.finding.canonical.v1',
      value: {
        eventId: newId(),
        findingId: finding.id,
        identityKey: finding.identity_key,
        asset: finding.asset,
        change: 'fixed',
        status: 'fixed',
        reportId: event.reportId,
        occurredAt: now.getTime(),
      } satisfies FindingChanged,
    }));
  }
}

/** The report's findings are not all applied yet; retrying later succeeds once they are. */
export class ReportNotYetDeduplicatedError extends SieveError {
  constructor(reportId: string, applied: number, expected: number) {
    super('report_not_yet_deduplicated', `report ${reportId}: ${applied} of ${expected} findings deduplicated so far`, true);
  }
}
