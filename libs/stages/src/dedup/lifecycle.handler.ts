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
    return this.handleMany([event]);
  }

  /**
   * Handles several parsed events in one transaction, with one statement per
   * step for all of them, as a consumer reads them from the topic in a batch.
   */
  async handleMany(events: ReportParsed[]): Promise<OutgoingMessage[]> {
    const parsed = events.filter((event) => event.status === 'parsed');
    if (parsed.length === 0) {
      return [];
    }
    const now = this.context.now();
    const outcome = await this.context.unitOfWork.run(async (repositories) => {
      const fresh = await repositories.processedEvents.claim(HANDLER, parsed.map((event) => event.eventId));
      const claimed = parsed.filter((event) => fresh.has(event.eventId));
      if (claimed.length === 0) {
        return null;
      }
      const expired = await reopenExpiredAcceptances(repositories, claimed.map((event) => event.asset), claimed[0]!.reportId, now);

      const complete = claimed.filter((event) => event.complete && event.tool !== null);
      const applied = await repositories.reports.countDeduplicatedMany(complete.map((event) => event.reportId));
      const ready: ReportParsed[] = [];
      for (const event of complete) {
        const count = applied.get(event.reportId) ?? 0;
        if (count >= event.findingCount) {
          ready.push(event);
          continue;
        }
        await repositories.reports.deferClosure(event.reportId, event);
        this.context.logger.info({ reportId: event.reportId, applied: count, expected: event.findingCount }, 'closure deferred until all findings are deduplicated');
      }
      return { closed: await closeAbsent(repositories, this.context, ready, now), expired };
    });
    if (outcome === null) {
      return [];
    }
    return [...outcome.closed.flatMap(({ event, fixed }) => fixedMessages(fixed, this.context, event, now)), ...outcome.expired];
  }
}

/** Runs the deferred closures of these reports whose findings are now all applied. */
export async function runReadyClosures(repositories: Repositories, reportIds: string[], context: StageContext, now: Date): Promise<OutgoingMessage[]> {
  const ready = await repositories.reports.takeReadyClosures<ReportParsed>(reportIds, (closure) => closure.findingCount);
  const closed = await closeAbsent(repositories, context, ready, now);
  return closed.flatMap(({ event, fixed }) => fixedMessages(fixed, context, event, now));
}

type ClosedFinding = { id: string; identity_key: string; asset: string };

/**
 * Closes what complete scans no longer report. Scans of the same tool, asset
 * and scope run in separate rounds, in their order, so each later scan reads
 * what the earlier one marked. Every other scan shares a round.
 */
async function closeAbsent(repositories: Repositories, context: StageContext, events: ReportParsed[], now: Date): Promise<Array<{ event: ReportParsed; fixed: ClosedFinding[] }>> {
  const closed: Array<{ event: ReportParsed; fixed: ClosedFinding[] }> = [];
  for (const round of roundsOfDistinctScopes(events)) {
    closed.push(...(await closeRound(repositories, context, round, now)));
  }
  return closed;
}

function roundsOfDistinctScopes(events: ReportParsed[]): ReportParsed[][] {
  const rounds: Array<{ keys: Set<string>; events: ReportParsed[] }> = [];
  for (const event of events) {
    const key = JSON.stringify([event.tool!.name, event.asset, event.scope]);
    const lastWithKey = rounds.findLastIndex((round) => round.keys.has(key));
    const target = rounds[lastWithKey + 1] ?? rounds[rounds.push({ keys: new Set(), events: [] }) - 1]!;
    target.keys.add(key);
    target.events.push(event);
  }
  return rounds.map((round) => round.events);
}

async function closeRound(repositories: Repositories, context: StageContext, events: ReportParsed[], now: Date): Promise<Array<{ event: ReportParsed; fixed: ClosedFinding[] }>> {
  const closeAfter = context.closeAfterAbsences ?? 1;
  const absent = await repositories.evidences.markAbsentForScans(
    events.map((event) => ({ asset: event.asset, scope: event.scope, toolName: event.tool!.name, reportId: event.reportId, parsedAt: new Date(event.parsedAt) })),
    closeAfter,
  );
  const affected = [...new Set([...absent.values()].flat())];
  const fixed = await repositories.findings.closeUnreported(affected, now);
  // A fixed finding has no present evidence to take a severity from.
  const fixedIds = new Set(fixed.map((finding) => finding.id));
  await repositories.findings.recomputeSeverity(affected.filter((id) => !fixedIds.has(id)));

  const byEvent = events.map((event) => {
    const listed = new Set(absent.get(event.reportId) ?? []);
    return { event, fixed: fixed.filter((finding) => listed.has(finding.id)) };
  });
  const attributed = new Set<string>();
  for (const entry of byEvent) {
    entry.fixed = entry.fixed.filter((finding) => !attributed.has(finding.id));
    for (const finding of entry.fixed) attributed.add(finding.id);
  }

  await repositories.findingEvents.insertMany(
    byEvent.flatMap(({ event, fixed: closedByEvent }) =>
      closedByEvent.map((finding) => ({
        id: newId(),
        finding_id: finding.id,
        type: 'fixed' as const,
        from_status: null,
        to_status: 'fixed',
        cause: closeAfter === 1 ? `absent from complete ${event.tool!.name} scan` : `absent from ${closeAfter} complete ${event.tool!.name} scans in a row`,
        actor: 'sieve:dedup',
        report_id: event.reportId,
        occurred_at: now,
      })),
    ),
  );
  return byEvent;
}

function fixedMessages(closed: ClosedFinding[], context: StageContext, event: ReportParsed, now: Date): OutgoingMessage[] {
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
