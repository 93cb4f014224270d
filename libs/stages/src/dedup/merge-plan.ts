import type { FindingChange, FindingStatus } from '@sieve/contracts';
import { IDENTITY_RULES_VERSION, type CorrelationLink } from '@sieve/dedup';
import { newId } from '@sieve/domain';
import type { EvidenceRow, FindingEventRow, FindingKeyRow, FindingRow, FindingState, Repositories } from '@sieve/persistence';
import { evidenceRowsOf } from './evidence-provenance.js';
import { contentOf, newFindingRow } from './finding-content.js';
import type { DedupItem, SightingGroup, StoredState } from './sighting-groups.js';
import { statusFromTriage, type Sighting } from './sighting.js';

/**
 * The writes that turn a batch's sighting groups into canonical findings:
 * new findings, refreshed findings, keys, evidences and finding events,
 * collected per group and applied as bulk statements.
 */
export class MergePlan {
  private readonly inserts: FindingRow[] = [];
  private readonly updates: Parameters<Repositories['findings']['recordSightings']>[0] = [];
  private readonly keys: FindingKeyRow[] = [];
  private readonly evidences = new Map<string, EvidenceRow>();
  private readonly findingEvents: FindingEventRow[] = [];
  private readonly touched = new Map<string, FindingChange>();

  constructor(
    private readonly state: StoredState,
    private readonly links: CorrelationLink<DedupItem>[],
    private readonly previous: Map<string, FindingState>,
    private readonly now: Date,
  ) {}

  /** Plans one group: a new finding, or a new sighting of the stored finding it joined. */
  addGroup(group: SightingGroup): void {
    // NOTE: a sighting that bridges two stored findings attaches to the older
    // one; the two stored findings are not merged with each other here.
    const fresh = group.items.flatMap((item) => (item.sighting === null ? [] : [item.sighting]));
    const content = contentOf(fresh[0]!.event.asset, fresh);
    const triageStatus = fresh.map((s) => statusFromTriage(s.event)).find((status) => status !== null) ?? null;
    const reportId = fresh[0]!.event.reportId;
    const created = group.findingIds.length === 0;
    const findingId = created ? newId() : group.findingIds[0]!;

    if (created) {
      const status: FindingStatus = triageStatus ?? 'open';
      this.inserts.push(newFindingRow(findingId, fresh[0]!.identity.keys[0]!.key, IDENTITY_RULES_VERSION, content, status, this.now));
      this.findingEvents.push(dedupEvent(findingId, 'created', null, status, `first reported by ${toolsOf(fresh)}`, reportId, this.now));
      this.touched.set(findingId, 'created');
    } else {
      this.updates.push({ ...content, id: findingId, seen_at: this.now, triage_status: triageStatus });
      if (this.previous.get(findingId)?.status === 'fixed') {
        this.findingEvents.push(dedupEvent(findingId, 'reopened', 'fixed', 'reopened', `reported again by ${toolsOf(fresh)}`, reportId, this.now));
        this.touched.set(findingId, 'reopened');
      } else if (!this.touched.has(findingId)) {
        this.touched.set(findingId, 'updated');
      }
    }

    for (const item of group.items) {
      for (const key of item.sighting?.identity.keys ?? []) {
        if (item.keys.includes(key.key)) this.keys.push({ key: key.key, finding_id: findingId, rule: key.rule, rule_version: IDENTITY_RULES_VERSION });
      }
    }
    for (const row of evidenceRowsOf(group, findingId, created, this.links, this.state.keyOwners, this.now)) {
      this.evidences.set(row.sighting_key, row);
    }
  }

  /** Writes the plan and returns the change made to each finding it touched. */
  async apply(repositories: Repositories): Promise<Map<string, FindingChange>> {
    const evidences = [...this.evidences.values()];
    await repositories.findings.insertMany(this.inserts);
    await repositories.findings.recordSightings(this.updates);
    await repositories.findingKeys.insertMany(this.keys);
    await repositories.evidences.upsertMany(evidences);
    // A new finding already has the highest severity of its sightings, which
    // are all its evidences, so only stored findings need recomputing.
    await repositories.findings.recomputeSeverity([...this.touched].filter(([, change]) => change !== 'created').map(([id]) => id));
    await repositories.findingEvents.insertMany([...this.findingEvents, ...mergedEvents(evidences, this.state, this.now)]);
    return this.touched;
  }
}

/** Builds a `merged` event for each new evidence that a correlation rule joined to a finding. */
function mergedEvents(rows: EvidenceRow[], state: StoredState, now: Date): FindingEventRow[] {
  return rows
    .filter((row) => !state.evidences.has(row.sighting_key) && row.match_detail['kind'] === 'correlation')
    .map((row) => dedupEvent(row.finding_id, 'merged', null, null, `${row.tool_name} sighting joined by ${row.match_rule}: ${String(row.match_detail['reason'])}`, row.report_id, now));
}

function dedupEvent(findingId: string, type: FindingEventRow['type'], from: string | null, to: string | null, cause: string, reportId: string, now: Date): FindingEventRow {
  return { id: newId(), finding_id: findingId, type, from_status: from, to_status: to, cause, actor: 'sieve:dedup', report_id: reportId, occurred_at: now };
}

function toolsOf(group: Sighting[]): string {
  return [...new Set(group.map((s) => s.event.finding.tool.name))].join(', ');
}
