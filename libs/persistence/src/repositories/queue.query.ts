import { chunk, type Queryable } from '../queryable.js';
import type { EnrichmentRow, ScoreRow } from './finding-context.repository.js';
import type { FindingRow } from './finding.repository.js';

export interface QueueRow extends FindingRow {
  owner: string | null;
  owner_source: string | null;
  exposure: string | null;
  data_classes: string[];
  criticality: string | null;
  kev: EnrichmentRow['kev'];
  epss: EnrichmentRow['epss'];
  reachability: string;
  reachability_source: string | null;
  blast_radius: number | null;
  ssvc: ScoreRow['ssvc'];
  sla_due_date: string | null;
  score: number | null;
  priority: string | null;
  score_factors: Array<{ name: string; value: string; points: number; source: string }> | null;
  reasons: string[];
  policy_version: string | null;
  scored_at: Date | null;
  evidences: Array<{ id: string; tool: string; toolVersion: string | null; reportId: string; ruleId: string | null; matchRule: string; present: boolean }>;
}

/**
 * The ranked work queue over the whole estate. Active findings (open,
 * reopened) come first by score; closed and triaged ones follow, so the output
 * is the full picture with the work on top.
 */
const QUEUE_ORDER = `CASE WHEN f.status IN ('open', 'reopened') THEN 0 ELSE 1 END,
  f.score DESC NULLS LAST,
  CASE f.severity WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 WHEN 'info' THEN 1 ELSE 0 END DESC,
  f.id`;

type EvidenceView = QueueRow['evidences'][number];

/**
 * The ranked work queue over the whole estate. Active findings (open,
 * reopened) come first by score; closed and triaged ones follow, so the output
 * is the full picture with the work on top.
 */
export class QueueQuery {
  constructor(private readonly db: Queryable) {}

  /**
   * Yields the queue in pages through a server-side cursor, so a large estate
   * is never held in memory at once. Must run inside a transaction, because a
   * cursor lives only as long as the transaction that declared it.
   */
  async *pages(pageSize = 1000): AsyncGenerator<QueueRow[]> {
    await this.db.query(`DECLARE queue_cursor NO SCROLL CURSOR FOR SELECT f.* FROM findings f ORDER BY ${QUEUE_ORDER}`);
    try {
      for (;;) {
        const rows = await this.db.query<QueueRow>(`FETCH ${Math.max(1, Math.floor(pageSize))} FROM queue_cursor`);
        if (rows.length === 0) break;
        await this.attachEvidences(rows);
        yield rows;
      }
    } finally {
      await this.db.query(`CLOSE queue_cursor`);
    }
  }

  /** Reads the whole queue at once, for tests and small estates. */
  async listRanked(): Promise<QueueRow[]> {
    const rows = await this.db.query<QueueRow>(`SELECT f.* FROM findings f ORDER BY ${QUEUE_ORDER}`);
    await this.attachEvidences(rows);
    return rows;
  }

  /** Reads the given findings in the order of the ids given, with their evidences. */
  async findByIds(ids: string[]): Promise<QueueRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<QueueRow>(`SELECT f.* FROM findings f WHERE f.id = ANY($1::uuid[])`, [ids]);
    await this.attachEvidences(rows);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id)).filter((row): row is QueueRow => row !== undefined);
  }

  async countAll(): Promise<number> {
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM findings`);
    return rows[0]?.n ?? 0;
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM findings GROUP BY status`);
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  }

  private async attachEvidences(rows: QueueRow[]): Promise<void> {
    const byFinding = new Map<string, EvidenceView[]>(rows.map((row) => [row.id, []]));
    for (const ids of chunk([...byFinding.keys()], 5000)) {
      const evidences = await this.db.query<EvidenceView & { findingId: string }>(
        `SELECT finding_id AS "findingId", id, tool_name AS tool, tool_version AS "toolVersion", report_id AS "reportId",
                rule_id AS "ruleId", match_rule AS "matchRule", present
         FROM evidences WHERE finding_id = ANY($1::uuid[]) ORDER BY first_observed_at, id`,
        [ids],
      );
      for (const { findingId, ...evidence } of evidences) {
        byFinding.get(findingId)?.push(evidence);
      }
    }
    for (const row of rows) {
      row.evidences = byFinding.get(row.id) ?? [];
    }
  }
}
