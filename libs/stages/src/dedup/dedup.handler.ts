import type { FindingChange, FindingChanged, FindingStatus, NormalizedFinding } from '@sieve/contracts';
import { correlationBlockOf, IDENTITY_RULES_VERSION } from '@sieve/dedup';
import { newId } from '@sieve/domain';
import type { OutgoingMessage } from '@sieve/messaging';
import type { EvidenceRow, FindingEventRow, FindingKeyRow, FindingRow, Repositories, StoredSighting } from '@sieve/persistence';
import type { StageContext } from '../stage-context.js';
import { canonicalMessage } from './canonical-message.js';
import { contentOf, newFindingRow } from './finding-content.js';
import { runReadyClosures } from './lifecycle.handler.js';
import { evidenceRowsOf } from './evidence-provenance.js';
import { groupSightings, type StoredState } from './sighting-groups.js';
import { statusFromTriage, toSighting, type Sighting } from './sighting.js';
import { confirmUnchanged, isUnchanged } from './unchanged-sightings.js';

const HANDLER = 'dedup.findings';

/**
 * Turns normalized findings into canonical ones. Sightings that share an
 * identity key (within the batch or with a stored finding) become one
 * finding, and so do sightings of different tools that a correlation rule
 * matches, within the batch or against stored findings of the same
 * correlation block. Each tool's sighting is kept as evidence, with the rule
 * that joined it. The whole batch is one transaction, and redelivered events
 * are recognised by their event id.
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
    return states.map((state) => canonicalMessage(state, 'updated', events[0]!.reportId, now));
  }

  private async merge(repositories: Repositories, batch: Sighting[], now: Date): Promise<FindingChanged[]> {
    const stored = await repositories.evidences.findStoredSightings(batch.map((s) => s.identity.sightingKey));
    const unchanged = batch.flatMap((sighting) => {
      const evidence = stored.get(sighting.identity.sightingKey);
      return isUnchanged(sighting, evidence) ? [{ sighting, stored: evidence }] : [];
    });
    await confirmUnchanged(repositories, unchanged, now);
    const sightings = batch.filter((sighting) => !isUnchanged(sighting, stored.get(sighting.identity.sightingKey)));
    if (sightings.length === 0) return [];

    const state = await this.loadStoredState(repositories, sightings, stored);
    const { groups, links } = groupSightings(sightings, state, newId);

    const previous = new Map((await repositories.findings.findStates([...new Set(groups.flatMap((group) => group.findingIds))])).map((row) => [row.id, row]));
    const inserts: FindingRow[] = [];
    const updates: Parameters<Repositories['findings']['recordSightings']>[0] = [];
    const keys: FindingKeyRow[] = [];
    const evidences = new Map<string, EvidenceRow>();
    const findingEvents: FindingEventRow[] = [];
    const touched = new Map<string, FindingChange>();

    for (const group of groups) {
      // NOTE: a sighting that bridges two stored findings attaches to the older
      // one; the two stored findings are not merged with each other here.
      const fresh = group.items.flatMap((item) => (item.sighting === null ? [] : [item.sighting]));
      const asset = fresh[0]!.event.asset;
      const content = contentOf(asset, fresh);
      const triageStatus = fresh.map((s) => statusFromTriage(s.event)).find((status) => status !== null) ?? null;
      const reportId = fresh[0]!.event.reportId;
      const created = group.findingIds.length === 0;
      const findingId = created ? newId() : group.findingIds[0]!;

      if (created) {
        const status: FindingStatus = triageStatus ?? 'open';
        inserts.push(newFindingRow(findingId, fresh[0]!.identity.keys[0]!.key, IDENTITY_RULES_VERSION, content, status, now));
        findingEvents.push(event(findingId, 'created', null, status, `first reported by ${toolsOf(fresh)}`, reportId, now));
        touched.set(findingId, 'created');
      } else {
        const before = previous.get(findingId);
        updates.push({ ...content, id: findingId, seen_at: now, triage_status: triageStatus });
        if (before?.status === 'fixed') {
          findingEvents.push(event(findingId, 'reopened', 'fixed', 'reopened', `reported again by ${toolsOf(fresh)}`, reportId, now));
          touched.set(findingId, 'reopened');
        } else if (!touched.has(findingId)) {
          touched.set(findingId, 'updated');
        }
      }

      for (const item of group.items) {
        for (const key of item.sighting?.identity.keys ?? []) {
          if (item.keys.includes(key.key)) keys.push({ key: key.key, finding_id: findingId, rule: key.rule, rule_version: IDENTITY_RULES_VERSION });
        }
      }
      for (const row of evidenceRowsOf(group, findingId, created, links, state.keyOwners, now)) {
        evidences.set(row.sighting_key, row);
      }
    }
    findingEvents.push(...mergedEvents([...evidences.values()], state, now));

    await repositories.findings.insertMany(inserts);
    await repositories.findings.recordSightings(updates);
    await repositories.findingKeys.insertMany(keys);
    await repositories.evidences.upsertMany([...evidences.values()]);
    // A new finding already has the highest severity of its sightings, which
    // are all its evidences, so only stored findings need recomputing.
    await repositories.findings.recomputeSeverity([...touched].filter(([, change]) => change !== 'created').map(([id]) => id));
    await repositories.findingEvents.insertMany(findingEvents);

    const states = await repositories.findings.findStates([...touched.keys()]);
    const changes = states.map((state): FindingChanged => ({
      eventId: newId(),
      findingId: state.id,
      identityKey: state.identity_key,
      asset: state.asset,
      change: touched.get(state.id)!,
      status: state.status as FindingStatus,
      reportId: sightings[0]!.event.reportId,
      occurredAt: now.getTime(),
    }));
    return changes;
  }

  /**
   * Reads what the database stores about the changed sightings of a batch:
   * the findings their identity keys name, and the stored evidences that new
   * sightings may correlate with. Only sightings without an evidence look
   * for correlation candidates, because a rescanned sighting already has its
   * finding.
   */
  private async loadStoredState(repositories: Repositories, sightings: Sighting[], evidences: Map<string, StoredSighting>): Promise<StoredState> {
    const keyOwners = await repositories.findingKeys.findFindingIds([...new Set(sightings.flatMap((s) => s.identity.keys.map((k) => k.key)))]);
    const blocks = new Set<string>();
    for (const sighting of sightings) {
      const block = evidences.has(sighting.identity.sightingKey) ? null : correlationBlockOf(sighting.event);
      if (block !== null) blocks.add(block);
    }
    const candidates = await repositories.evidences.findCorrelationCandidates([...blocks]);
    return { keyOwners, evidences, candidates };
  }
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

/** Builds a `merged` event for each new evidence that a correlation rule joined to a finding. */
function mergedEvents(rows: EvidenceRow[], state: StoredState, now: Date): FindingEventRow[] {
  return rows
    .filter((row) => !state.evidences.has(row.sighting_key) && row.match_detail['kind'] === 'correlation')
    .map((row) => event(row.finding_id, 'merged', null, null, `${row.tool_name} sighting joined by ${row.match_rule}: ${String(row.match_detail['reason'])}`, row.report_id, now));
}

function toolsOf(group: Sighting[]): string {
  return [...new Set(group.map((s) => s.event.finding.tool.name))].join(', ');
}
