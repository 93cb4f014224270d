import type { Queryable } from '../queryable.js';
import type { FindingRow } from './finding.repository.js';

export interface QueueRow extends FindingRow {
  owner: string | null;
  owner_source: string | null;
  exposure: string | null;
  score: number | null;
  priority: string | null;
  score_factors: Array<{ name: string; value: string; points: number; source: string }> | null;
  reasons: string[];
  policy_version: string | null;
  evidences: Array<{ id: string; tool: string; toolVersion: string | null; reportId: string; ruleId: string | null; matchRule: string; present: boolean }>;
}

/**
 * The ranked work queue over the whole estate. Active findings (open,
 * reopened) come first by score; closed and triaged ones follow, so the output
 * is the full picture with the work on top.
 */
export class QueueQuery {
  constructor(private readonly db: Queryable) {}

  async listRanked(): Promise<QueueRow[]> {
    return this.db.query<QueueRow>(
      `SELECT f.*,
              COALESCE((SELECT json_agg(json_build_object('id', e.id, 'tool', e.tool_name, 'toolVersion', e.tool_version,
                         'reportId', e.report_id, 'ruleId', e.rule_id, 'matchRule', e.match_rule, 'present', e.present)
                         ORDER BY e.first_observed_at, e.id)
                        FROM evidences e WHERE e.finding_id = f.id), '[]'::json) AS evidences
       FROM findings f
       ORDER BY CASE WHEN f.status IN ('open', 'reopened') THEN 0 ELSE 1 END,
                f.score DESC NULLS LAST,
                CASE f.severity WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2
                  WHEN 'info' THEN 1 ELSE 0 END DESC,
                f.id`,
    );
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM findings GROUP BY status`);
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  }
}
