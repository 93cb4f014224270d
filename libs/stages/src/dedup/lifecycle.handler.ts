import type { FindingChanged, ReportParsed } from '@sieve/contracts';
import { newId } from '@sieve/domain';
import type { OutgoingMessage } from '@sieve/messaging';
import type { Repositories } from '@sieve/persistence';
import type { StageContext } from '../stage-context.js';
import { reopenExpiredAcceptances } from './finding-triage.js';

const HANDLER = 'dedup.lifecycle';

/**
 * Reopens expired risk acceptances of the asset of every parsed report, and
 * closes what a complete scan no longer reports. When a report is a complete
 * scan of its tool on an asset and scope, that tool's evidence it did not
 * confirm is marked absent, and a finding whose evidences are all absent
 * becomes fixed. Partial and rejected reports close nothing.
 *
 * Over Kafka the report's findings and its parsed event travel on different
 * topics, so the event can arrive first. Closing then would fix findings the
 * report does contain, so the closure is deferred and the dedup handler runs
 * it once the report's last finding is applied.
 */
export class LifecycleHandler {
  constructor(private readonly context: StageContext) {}

  async handle(event: ReportParsed): Promise<OutgoingMessage[]> {
    if (event.status !== 'parsed') {
      return [];
    }
    const now = this.context.now();
    const outcome = await this.context.unitOfWork.run(async (repositories) => {
      const fresh = await repositories.processedEvents.claim(HANDLER, [event.eventId]);
      if (!fresh.has(event.eventId)) {
        return null;
      }
      const expired = await reopenExpiredAcceptances(repositories, [event.asset], event.reportId, now);
      if (!event.complete || event.tool === null) {
        return { closed: [], expired };
      }
      const applied = await repositories.reports.countDeduplicated(event.reportId);
      if (applied < event.findingCount) {
        await repositories.reports.deferClosure(event.reportId, event);
        this.context.logger.info({ reportId: event.reportId, applied, expected: event.findingCount }, 'closure deferred until all findings are deduplicated');
        return { closed: [], expired };
      }
      return { closed: await closeAbsent(repositories, this.context, event, now), expired };
    });
    if (outcome === null) {
      return [];
    }
    return [...fixedMessages(outcome.closed, this.context, event, now), ...outcome.expired];
  }
}

/** Runs the deferred closures of these reports whose findings are now all applied. */
export async function runReadyClosures(repositories: Repositories, reportIds: string[], context: StageContext, now: Date): Promise<OutgoingMessage[]> {
  const ready = await repositories.reports.takeReadyClosures<ReportParsed>(reportIds, (closure) => closure.findingCount);
  const messages: OutgoingMessage[] = [];
  for (const event of ready) {
    messages.push(...fixedMessages(await closeAbsent(repositories, context, event, now), context, event, now));
  }
  return messages;
}

async function closeAbsent(repositories: Repositories, context: StageContext, event: ReportParsed, now: Date): Promise<Array<{ id: string; identity_key: string; asset: string }>> {
  const tool = event.tool!;
  const closeAfter = context.closeAfterAbsences ?? 1;
  const affected = await repositories.evidences.markAbsentExcept({ asset: event.asset, scope: event.scope, toolName: tool.name, reportId: event.reportId, closeAfter });
  const fixed = await repositories.findings.closeUnreported(affected, now);
  // A fixed finding has no present evidence to take a severity from.
  const closed = new Set(fixed.map((finding) => finding.id));
  await repositories.findings.recomputeSeverity(affected.filter((id) => !closed.has(id)));
  await repositories.findingEvents.insertMany(
    fixed.map((finding) => ({
      id: newId(),
      finding_id: finding.id,
      type: 'fixed' as const,
      from_status: null,
      to_status: 'fixed',
      cause: closeAfter === 1 ? `absent from complete ${tool.name} scan` : `absent from ${closeAfter} complete ${tool.name} scans in a row`,
      actor: 'sieve:dedup',
      report_id: event.reportId,
      occurred_at: now,
    })),
  );
  return fixed;
}

function fixedMessages(closed: Array<{ id: string; identity_key: string; asset: string }>, context: StageContext, event: ReportParsed, now: Date): OutgoingMessage[] {
  if (closed.length > 0) {
    context.logger.info({ reportId: event.reportId, asset: event.asset, fixed: closed.length }, 'findings closed by complete scan');
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
