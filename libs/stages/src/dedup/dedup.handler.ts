import type { FindingChanged, FindingStatus, NormalizedFinding } from '@sieve/contracts';
import { correlationBlockOf } from '@sieve/dedup';
import { newId } from '@sieve/domain';
import type { OutgoingMessage } from '@sieve/messaging';
import type { Repositories, StoredSighting } from '@sieve/persistence';
import type { StageContext } from '../stage-context.js';
import { canonicalMessage } from './canonical-message.js';
import { runReadyClosures } from './lifecycle.handler.js';
import { MergePlan } from './merge-plan.js';
import { groupSightings, type StoredState } from './sighting-groups.js';
import { toSighting, type Sighting } from './sighting.js';
import { withKnownAliases } from './known-aliases.js';
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

  async handle(received: NormalizedFinding[]): Promise<OutgoingMessage[]> {
    const now = this.context.now();
    return this.context.unitOfWork.run(async (repositories) => {
      const events = await withKnownAliases(repositories, received);
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
    const unchanged: Array<{ sighting: Sighting; stored: StoredSighting }> = [];
    const sightings: Sighting[] = [];
    for (const sighting of batch) {
      const evidence = stored.get(sighting.identity.sightingKey);
      if (isUnchanged(sighting, evidence)) unchanged.push({ sighting, stored: evidence });
      else sightings.push(sighting);
    }
    await confirmUnchanged(repositories, unchanged, now);
    if (sightings.length === 0) return [];

    const state = await this.loadStoredState(repositories, sightings, stored);
    const { groups, links } = groupSightings(sightings, state, newId);

    const previous = new Map((await repositories.findings.findStates([...new Set(groups.flatMap((group) => group.findingIds))])).map((row) => [row.id, row]));
    const plan = new MergePlan(state, links, previous, now);
    for (const group of groups) plan.addGroup(group);
    const touched = await plan.apply(repositories);

    const states = await repositories.findings.findStates([...touched.keys()]);
    return states.map((state): FindingChanged => ({
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
