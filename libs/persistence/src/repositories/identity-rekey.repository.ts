import type { Queryable } from '../queryable.js';

export interface RekeyReportRow {
  report_id: string;
  tool_hint: string | null;
  source_name: string | null;
}

export interface RekeyEvidenceRow {
  id: string;
  finding_id: string;
  asset: string;
  scope: string;
  source_pointer: string;
}

export interface RekeyedEvidence {
  id: string;
  finding_id: string;
  sighting_key: string;
  keys: Array<{ key: string; rule: string }>;
}

/**
 * Reads and rewrites identity keys when the identity rules get a new version:
 * the evidences to derive new keys from, grouped by the report that last saw
 * them, and the writes that attach the new keys to the same findings.
 */
export class IdentityRekeyRepository {
  constructor(private readonly db: Queryable) {}

  async countStaleKeys(version: number): Promise<number> {
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM finding_keys WHERE rule_version < $1`, [version]);
    return rows[0]?.n ?? 0;
  }

  /** Lists the reports that last saw an evidence of a finding with stale keys. */
  async reportsToReparse(version: number): Promise<RekeyReportRow[]> {
    return this.db.query<RekeyReportRow>(
      `SELECT DISTINCT r.id AS report_id, r.tool_hint, r.source_name
       FROM evidences e JOIN reports r ON r.id = e.report_id
       WHERE e.finding_id IN (SELECT finding_id FROM finding_keys WHERE rule_version < $1)
       ORDER BY r.id`,
      [version],
    );
  }

  async evidencesOfReport(reportId: string): Promise<RekeyEvidenceRow[]> {
    return this.db.query<RekeyEvidenceRow>(`SELECT id, finding_id, asset, scope, source_pointer FROM evidences WHERE report_id = $1`, [reportId]);
  }

  /**
   * Attaches the new keys to the evidences' findings and gives each evidence
   * its new sighting key. A key that already names a finding keeps it, and a
   * sighting key another evidence already has is left as it was.
   */
  async attach(evidences: RekeyedEvidence[], version: number): Promise<void> {
    if (evidences.length === 0) return;
    const keys = evidences.flatMap((evidence) => evidence.keys.map(({ key, rule }) => ({ key, finding_id: evidence.finding_id, rule, rule_version: version })));
    await this.db.query(
      `INSERT INTO finding_keys (key, finding_id, rule, rule_version)
       SELECT key, finding_id, rule, rule_version FROM jsonb_to_recordset($1::jsonb) AS r(key text, finding_id uuid, rule text, rule_version integer)
       ON CONFLICT (key) DO NOTHING`,
      [JSON.stringify(keys)],
    );
    await this.db.query(
      `UPDATE evidences e SET sighting_key = r.sighting_key, identity_keys = r.identity_keys
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, sighting_key text, identity_keys text[])
       WHERE e.id = r.id AND NOT EXISTS (SELECT 1 FROM evidences o WHERE o.sighting_key = r.sighting_key AND o.id <> r.id)`,
      [JSON.stringify(evidences.map((evidence) => ({ id: evidence.id, sighting_key: evidence.sighting_key, identity_keys: evidence.keys.map(({ key }) => key) })))],
    );
  }

  /** Drops stale keys of findings that now have a current one; a finding without one keeps its old keys. Returns how many were dropped. */
  async dropStaleKeys(version: number): Promise<number> {
    const rows = await this.db.query<{ key: string }>(
      `DELETE FROM finding_keys k
       WHERE k.rule_version < $1 AND EXISTS (SELECT 1 FROM finding_keys c WHERE c.finding_id = k.finding_id AND c.rule_version = $1)
       RETURNING k.key`,
      [version],
    );
    return rows.length;
  }
}
