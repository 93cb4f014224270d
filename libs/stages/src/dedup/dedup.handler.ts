import type { FindingChange, FindingChanged, FindingStatus, NormalizedFinding } from '@sieve/contracts';
import { groupByAnyKey, IDENTITY_RULES_VERSION } from '@sieve/dedup';
import { newId } from '@sieve/domain';
import type { OutgoingMessage } from '@sieve/messaging';
import type { EvidenceRow, FindingEventRow, FindingKeyRow, FindingRow, Repositories } from '@sieve/persistence';
import type { StageContext } from '../stage-context.js';
import { contentOf, newFindingRow } from './finding-content.js';
import { runReadyClosures } from './lifecycle.handler.js';
import { statusFromTriage, toSighting, type Sighting } from './sighting.js';

const HANDLER = 'dedup.findings';

/**
 * Turns normalized findings into canonical ones. Sightings that share an
 * identity key (within the batch or with a stored finding) become one finding;
 * each tool's sighting is kept as evidence. The whole batch is one
 * transaction, and redelivered events are recognised by their event id.
 */
export class DedupHandler {
  constructor(private readonly context: StageContext) {}

  async handle(events: NormalizedFinding[]): Promise<OutgoingMessage[]> {
    const now = this.context.now();
    return this.context.unitOfWork.run(async (repositories) => {
      const fresh = await repositories.processedEvents.claim(HANDLER, events.map((event) => event.eventId));
      const sightings = events.filter((event) => fresh.has(event.eventId)).map(toSighting);
      const replayed = await this.replay(repositories, events.filter((event) => !fresh.has(event.eventId)), now);
      if (sightings.length === 0) {
        return replayed;
      }
      const perReport = new Map<string, number>();
      for (const { event } of sightings) perReport.set(event.reportId, (perReport.get(event.reportId) ?? 0) + 1);
      await repositories.reports.addDeduplicated(perReport);
      const changes = await this.merge(repositories, sightings, now);
      const closures = await runReadyClosures(repositories, [...perReport.keys()], this.context, now);
      return [...changes.map((change): OutgoingMessage => ({ topic: 'sieve.finding.canonical.v1', value: change })), ...closures, ...replayed];
    });
  }

  /**
   * Announces again the findings of events that were already applied,
   * because the process may have died after its transaction committed but
   * before its messages were published. The database is left unchanged, and
   * enrich and score recompute the same result from a repeated event.
   */
  private async replay(repositories: Repositories, events: NormalizedFinding[], now: Date): Promise<OutgoingMessage[]> {
    if (events.length === 0) return [];
    const ids = await repositories.evidences.findFindingIdsBySightingKeys(events.map((event) => toSighting(event).identity.sightingKey));
    const states = await repositories.findings.findStates(ids);
    this.context.logger.info({ events: events.length, findings: states.length }, 'redelivered findings announced again');
    return states.map((state) => ({
      topic: 'sieve.finding.canonical.v1',
      value: {
        eventId: newId(),
        findingId: state.id,
        identityKey: state.identity_key,
        asset: state.asset,
        change: 'updated',
        status: state.status as FindingStatus,
        reportId: events[0]!.reportId,
        occurredAt: now.getTime(),
      } satisfies FindingChanged,
    }));
  }

  private async merge(repositories: Repositories, sightings: Sighting[], now: Date): Promise<FindingChanged[]> {
    const allKeys = [...new Set(sightings.flatMap((s) => s.identity.keys.map((k) => k.key)))];
    const known = await repositories.findingKeys.findFindingIds(allKeys);
    const existingIdsOf = (s: Sighting): string[] => s.identity.keys.map((k) => known.get(k.key)).filter((id): id is string => id !== undefined);
    const groups = groupByAnyKey(sightings, (s) => [...s.identity.keys.map((k) => k.key), ...existingIdsOf(s).map((id) => `finding:${id}`)]);

    const previous = new Map((await repositories.findings.findStates([...new Set(sightings.flatMap(existingIdsOf))])).map((row) => [row.id, row]));
    const inserts: FindingRow[] = [];
    const updates: Parameters<Repositories['findings']['recordSightings']>[0] = [];
    const keys: FindingKeyRow[] = [];
    const evidences = new Map<string, EvidenceRow>();
    const findingEvents: FindingEventRow[] = [];
    const touched = new Map<string, FindingChange>();

    for (const group of groups) {
      // NOTE: a sighting that bridges two stored findings attaches to the older
      // one; the two stored findings are not merged with each other here.
      const existingIds = [...new Set(group.flatMap(existingIdsOf))].sort();
      const asset = group[0]!.event.asset;
      const content = contentOf(asset, group);
      const triageStatus = group.map((s) => statusFromTriage(s.event)).find((status) => status !== null) ?? null;
      const reportId = group[0]!.event.reportId;
      let findingId: string;

      if (existingIds.length === 0) {
        findingId = newId();
        const status: FindingStatus = triageStatus ?? 'open';
        inserts.push(newFindingRow(findingId, group[0]!.identity.keys[0]!.key, IDENTITY_RULES_VERSION, content, status, now));
        findingEvents.push(event(findingId, 'created', null, status, `first reported by ${toolsOf(group)}`, reportId, now));
        touched.set(findingId, 'created');
      } else {
        findingId = existingIds[0]!;
        const before = previous.get(findingId);
        updates.push({ ...content, id: findingId, seen_at: now, triage_status: triageStatus });
        if (before?.status === 'fixed') {
          findingEvents.push(event(findingId, 'reopened', 'fixed', 'reopened', `reported again by ${toolsOf(group)}`, reportId, now));
          touched.set(findingId, 'reopened');
        } else if (!touched.has(findingId)) {
          touched.set(findingId, 'updated');
        }
      }

      const groupKeys = new Set<string>();
      for (const sighting of group) {
        for (const key of sighting.identity.keys) {
          keys.push({ key: key.key, finding_id: findingId, rule: key.rule, rule_version: IDENTITY_RULES_VERSION });
        }
      }
      group.forEach((sighting, index) => {
        const shared = sighting.identity.keys.find((key) => known.get(key.key) === findingId || (index > 0 && groupKeys.has(key.key)));
        for (const key of sighting.identity.keys) groupKeys.add(key.key);
        evidences.set(sighting.identity.sightingKey, evidenceRow(findingId, sighting, shared, now));
      });
    }

    await repositories.findings.insertMany(inserts);
    await repositories.findings.recordSightings(updates);
    await repositories.findingKeys.insertMany(keys);
    await repositories.evidences.upsertMany([...evidences.values()]);
    await repositories.findings.recomputeSeverity([...touched.keys()]);
    await repositories.findingEvents.insertMany(findingEvents);

    const states = await repositories.findings.findStates([...touched.keys()]);
    return states.map((state) => ({
      eventId: newId(),
      findingId: state.id,
      identityKey: state.identity_key,
      asset: state.asset,
      change: touched.get(state.id)!,
      status: state.status as FindingStatus,
      reportId: sightings[0]!.event.reportId,
      occurredAt: now.getTime(),
    }));
  }
}

function evidenceRow(findingId: string, sighting: Sighting, shared: { key: string; rule: string } | undefined, now: Date): EvidenceRow {
  const { finding } = sighting.event;
  const matched = shared ?? sighting.identity.keys[0]!;
  return {
    id: newId(),
    finding_id: findingId,
    sighting_key: sighting.identity.sightingKey,
    tool_name: finding.tool.name,
    tool_version: finding.tool.version,
    asset: sighting.event.asset,
    scope: sighting.event.scope,
    report_id: sighting.event.reportId,
    rule_id: finding.ruleId,
    severity: finding.severity,
    tool_severity: finding.toolSeverity,
    fingerprint: finding.fingerprint,
    location: { ...finding.location },
    source_pointer: finding.sourcePointer,
    match_rule: shared ? shared.rule : 'origin',
    matched_key: matched.key,
    observed_at: now,
  };
}

function event(
  findingId: string,
  type: FindingEventRow['type'],
  from: string | null,
  to: string | null,
  cause: string,
  reportId: string,
  now: Date,
): FindingEventRow {
  return { id: newId(), finding_id: findingId, type, from_status: from, to_status: to, cause, actor: 'sieve:dedup', report_id: reportId, occurred_at: now };
}

function toolsOf(group: Sighting[]): string {
  return [...new Set(group.map((s) => s.event.finding.tool.name))].join(', ');
}
