import { CORRELATION_RULES_VERSION, IDENTITY_RULES_VERSION, type CorrelationLink } from '@sieve/dedup';
import type { EvidenceRow } from '@sieve/persistence';
import { correlationBlockOf } from '@sieve/dedup';
import { correlationInputOf } from './correlation-input.js';
import type { DedupItem, SightingGroup } from './sighting-groups.js';

type Provenance = Pick<EvidenceRow, 'match_rule' | 'matched_key' | 'match_version' | 'match_detail'>;

/**
 * Builds the evidence rows of a group's new sightings, each with the record
 * of how it joined the finding. The first sighting of a new finding is its
 * origin. Any other sighting records the identity key it shares with the
 * finding, or else the correlation link that brought it in. A sighting that
 * already has an evidence keeps the record it was given then.
 */
export function evidenceRowsOf(group: SightingGroup, findingId: string, created: boolean, links: CorrelationLink<DedupItem>[], keyOwners: Map<string, string>, now: Date): EvidenceRow[] {
  const rows: EvidenceRow[] = [];
  const groupKeys = new Set<string>();
  let first = true;
  for (const item of group.items) {
    if (item.sighting === null) continue;
    const provenance = created && first ? origin(item) : (sharedKey(item, findingId, keyOwners, groupKeys) ?? linked(item, group, links) ?? origin(item));
    first = false;
    for (const key of item.keys) groupKeys.add(key);
    rows.push(evidenceRow(item, findingId, provenance, now));
  }
  return rows;
}

function origin(item: DedupItem): Provenance {
  const key = item.sighting!.identity.keys[0]!;
  return { match_rule: 'origin', matched_key: key.key, match_version: IDENTITY_RULES_VERSION, match_detail: { kind: 'origin', key: key.key, keyRule: key.rule } };
}

function sharedKey(item: DedupItem, findingId: string, keyOwners: Map<string, string>, groupKeys: Set<string>): Provenance | null {
  const key = item.sighting!.identity.keys.find((candidate) => item.keys.includes(candidate.key) && (keyOwners.get(candidate.key) === findingId || groupKeys.has(candidate.key)));
  if (key === undefined) return null;
  return { match_rule: key.rule, matched_key: key.key, match_version: IDENTITY_RULES_VERSION, match_detail: { kind: 'identity-key', key: key.key, keyRule: key.rule } };
}

function linked(item: DedupItem, group: SightingGroup, links: CorrelationLink<DedupItem>[]): Provenance | null {
  const link = links.find((candidate) => (candidate.from === item || candidate.to === item) && group.items.includes(candidate.from === item ? candidate.to : candidate.from));
  if (link === undefined) return null;
  const other = link.from === item ? link.to : link.from;
  const mine = item.event.finding;
  const theirs = other.event.finding;
  return {
    match_rule: link.rule,
    matched_key: `evidence:${other.evidenceId}`,
    match_version: CORRELATION_RULES_VERSION,
    match_detail: {
      kind: 'correlation',
      reason: link.reason,
      block: correlationBlockOf(item.event),
      matchedEvidenceId: other.evidenceId,
      fields: {
        tools: [mine.tool.name, theirs.tool.name],
        ruleIds: [mine.ruleId, theirs.ruleId],
        cwes: [mine.cwes, theirs.cwes],
        locations: [mine.location, theirs.location],
      },
    },
  };
}

function evidenceRow(item: DedupItem, findingId: string, provenance: Provenance, now: Date): EvidenceRow {
  const { event, identity } = item.sighting!;
  const { finding } = event;
  return {
    id: item.evidenceId,
    finding_id: findingId,
    sighting_key: identity.sightingKey,
    tool_name: finding.tool.name,
    tool_version: finding.tool.version,
    asset: event.asset,
    scope: event.scope,
    report_id: event.reportId,
    rule_id: finding.ruleId,
    severity: finding.severity,
    tool_severity: finding.toolSeverity,
    fingerprint: finding.fingerprint,
    location: { ...finding.location },
    source_pointer: finding.sourcePointer,
    ...provenance,
    correlation_block: correlationBlockOf(event),
    correlation_input: correlationInputOf(finding),
    identity_keys: identity.keys.map((key) => key.key),
    content_hash: item.sighting!.contentHash,
    observed_at: now,
  };
}
