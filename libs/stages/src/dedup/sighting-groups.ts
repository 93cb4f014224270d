import type { NormalizedFinding } from '@sieve/contracts';
import { groupWithCorrelation, type CorrelationLink } from '@sieve/dedup';
import type { CorrelationCandidate, StoredSighting } from '@sieve/persistence';
import { storedEvent } from './correlation-input.js';
import type { Sighting } from './sighting.js';

/** A new sighting of the batch, or a stored evidence it may be correlated with. */
export interface DedupItem {
  sighting: Sighting | null;
  event: NormalizedFinding;
  /** Id of the evidence this item is or will be stored as. */
  evidenceId: string;
  /** Identity keys that may join this item to others (keys of findings it was split from are left out). */
  keys: string[];
  /** Stored findings this item already belongs to: by its own evidence first, then by its identity keys. */
  findingIds: string[];
  separatedFrom: string[];
}

/** Stored state of the batch's sightings: their evidences and findings. */
export interface StoredState {
  /** Finding id of each stored identity key. */
  keyOwners: Map<string, string>;
  /** Stored evidence of each sighting key, with the findings a person split it off. */
  evidences: Map<string, StoredSighting>;
  candidates: CorrelationCandidate[];
}

export interface SightingGroup {
  items: DedupItem[];
  /** Stored findings the group belongs to, in order of preference. */
  findingIds: string[];
}

/**
 * Groups the batch's sightings with each other and with stored evidences:
 * first by shared identity keys, then by the cross-tool correlation rules.
 * Stored findings are never merged with each other here, and a sighting a
 * person split off a finding never joins that finding again. Groups without
 * a new sighting are dropped.
 */
export function groupSightings(sightings: Sighting[], state: StoredState, newEvidenceId: () => string): { groups: SightingGroup[]; links: CorrelationLink<DedupItem>[] } {
  const batchKeys = new Set(sightings.map((sighting) => sighting.identity.sightingKey));
  const items = [
    ...sightings.map((sighting) => sightingItem(sighting, state, newEvidenceId)),
    ...state.candidates.filter((candidate) => !batchKeys.has(candidate.sighting_key)).map(candidateItem),
  ];

  const { groups, links } = groupWithCorrelation(items, {
    keysOf: (item) => [...item.keys, ...item.findingIds.map((id) => `finding:${id}`)],
    eventOf: (item) => item.event,
    ownerOf: (item) => item.findingIds[0] ?? null,
    separatedFrom: (item) => item.separatedFrom,
  });

  const result: SightingGroup[] = [];
  for (const group of groups) {
    if (!group.some((item) => item.sighting !== null)) continue;
    const findingIds = [...new Set(group.flatMap((item) => item.findingIds))];
    result.push({ items: group, findingIds: preferOwnEvidence(group, findingIds) });
  }
  return { groups: result, links };
}

function sightingItem(sighting: Sighting, state: StoredState, newEvidenceId: () => string): DedupItem {
  const sightingKey = sighting.identity.sightingKey;
  const separatedFrom = state.evidences.get(sightingKey)?.separated_from ?? [];
  const keys = sighting.identity.keys.map((key) => key.key).filter((key) => !separatedFrom.includes(state.keyOwners.get(key) ?? ''));
  const stored = state.evidences.get(sightingKey);
  const byKey = keys.map((key) => state.keyOwners.get(key)).filter((id): id is string => id !== undefined);
  const findingIds = [...new Set([...(stored ? [stored.finding_id] : []), ...byKey.sort()])];
  return { sighting, event: sighting.event, evidenceId: stored?.id ?? newEvidenceId(), keys, findingIds, separatedFrom };
}

function candidateItem(candidate: CorrelationCandidate): DedupItem {
  return { sighting: null, event: storedEvent(candidate), evidenceId: candidate.id, keys: [], findingIds: [candidate.finding_id], separatedFrom: [] };
}

// A sighting's own stored evidence names the finding it was last attached to,
// so that finding wins over others its keys may also name.
function preferOwnEvidence(group: DedupItem[], findingIds: string[]): string[] {
  const own = group.filter((item) => item.sighting !== null).map((item) => item.findingIds[0]).filter((id): id is string => id !== undefined);
  return [...new Set([...own.sort(), ...findingIds.sort()])];
}
