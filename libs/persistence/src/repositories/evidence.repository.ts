import type { Queryable } from '../queryable.js';

export interface EvidenceRow {
  id: string;
  finding_id: string;
  sighting_key: string;
  tool_name: string;
  tool_version: string | null;
  asset: string;
  scope: string;
  report_id: string;
  rule_id: string | null;
  severity: string;
  tool_severity: string | null;
  fingerprint: string | null;
  location: Record<string, unknown>;
  source_pointer: string;
  match_rule: string;
  matched_key: string;
  observed_at: Date;
}

export interface EvidenceSummary {
  finding_id: string;
  id: string;
  tool_name: string;
  tool_version: string | null;
  report_id: string;
  rule_id: string | null;
  match_rule: string;
  present: boolean;
}

/** One tool's sighting of a finding. A rescan by the same tool updates its evidence in place. */
export class EvidenceRepository {
  constructor(private readonly db: Queryable) {}

  async upsertMany(rows: EvidenceRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO evidences (id, finding_id, sighting_key, tool_name, tool_version, asset, scope, report_id, rule_id, severity,
                              tool_severity, fingerprint, location, source_pointer, match_rule, matched_key, present,
                              first_observed_at, observed_at)
       SELECT id, finding_id, sighting_key, tool_name, tool_version, asset, scope, report_id, rule_id, severity,
              tool_severity, fingerprint, location, source_pointer, match_rule, matched_key, true, observed_at, observed_at
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, finding_id uuid, sighting_key text, tool_name text, tool_version text,
         asset text, scope text, report_id uuid, rule_id text, severity text, tool_severity text, fingerprint text,
         location jsonb, source_pointer text, match_rule text, matched_key text, observed_at timestamptz)
       ON CONFLICT (sighting_key) DO UPDATE SET
         tool_version = EXCLUDED.tool_version, report_id = EXCLUDED.report_id, rule_id = EXCLUDED.rule_id,
         severity = EXCLUDED.severity, tool_severity = EXCLUDED.tool_severity, location = EXCLUDED.location,
         source_pointer = EXCLUDED.source_pointer, present = true,
         observed_at = GREATEST(evidences.observed_at, EXCLUDED.observed_at)`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * Marks absent the evidences of a tool on an asset and scope that the given
   * report did not confirm. Returns the findings they belong to.
   */
  async markAbsentExcept(params: { asset: string; scope: string; toolName: string; reportId: string }): Promise<string[]> {
    const rows = await this.db.query<{ finding_id: string }>(
      `UPDATE evidences SET present = false
       WHERE asset = $1 AND scope = $2 AND tool_name = $3 AND report_id <> $4 AND present
       RETURNING finding_id`,
      [params.asset, params.scope, params.toolName, params.reportId],
    );
    return [...new Set(rows.map((row) => row.finding_id))];
  }

  /** Finding ids of the evidences with these sighting keys. */
  async findFindingIdsBySightingKeys(sightingKeys: string[]): Promise<string[]> {
    if (sightingKeys.length === 0) return [];
    const rows = await this.db.query<{ finding_id: string }>(`SELECT DISTINCT finding_id FROM evidences WHERE sighting_key = ANY($1::text[])`, [sightingKeys]);
    return rows.map((row) => row.finding_id);
  }

  async findByFindingIds(findingIds: string[]): Promise<EvidenceSummary[]> {
    if (findingIds.length === 0) return [];
    return this.db.query<EvidenceSummary>(
      `SELECT finding_id, id, tool_name, tool_version, report_id, rule_id, match_rule, present
       FROM evidences WHERE finding_id = ANY($1::uuid[]) ORDER BY first_observed_at, id`,
      [findingIds],
    );
  }
}
