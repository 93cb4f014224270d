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
  /** How the evidence joined its finding: 'origin', an identity key rule, a correlation rule, or 'split'. */
  match_rule: string;
  matched_key: string;
  /** Version of the identity or correlation rules that made the match. */
  match_version: number;
  /** What matched: the other evidence, the shared key or fields, and the rule's reason. */
  match_detail: Record<string, unknown>;
  /** Block within which the correlation rules compare this sighting with others; null when no rule applies. */
  correlation_block: string | null;
  /** The finding fields the correlation rules read, as this tool reported them. */
  correlation_input: Record<string, unknown> | null;
  identity_keys: string[];
  observed_at: Date;
}

/** A stored evidence that a new sighting may correlate with. */
export type CorrelationCandidate = Pick<EvidenceRow, 'id' | 'finding_id' | 'sighting_key' | 'tool_name' | 'tool_version' | 'asset' | 'scope' | 'report_id'> & {
  correlation_input: Record<string, unknown>;
};

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

/** An evidence with the record of how it joined its finding, for `sieve finding explain`. */
export interface EvidenceProvenance {
  id: string;
  finding_id: string;
  sighting_key: string;
  tool_name: string;
  tool_version: string | null;
  report_id: string;
  rule_id: string | null;
  location: Record<string, unknown>;
  match_rule: string;
  matched_key: string;
  match_version: number | null;
  match_detail: Record<string, unknown> | null;
  identity_keys: string[];
  present: boolean;
  first_observed_at: Date;
  observed_at: Date;
}

/** One tool's sighting of a finding. A rescan by the same tool updates its evidence in place. */
export class EvidenceRepository {
  constructor(private readonly db: Queryable) {}

  async upsertMany(rows: EvidenceRow[]): Promise<void> {
    if (rows.length === 0) return;
    // A rescan refreshes what the tool reported; how the evidence joined its
    // finding (match_*) stays as it was first recorded.
    await this.db.query(
      `INSERT INTO evidences (id, finding_id, sighting_key, tool_name, tool_version, asset, scope, report_id, rule_id, severity,
                              tool_severity, fingerprint, location, source_pointer, match_rule, matched_key, match_version,
                              match_detail, correlation_block, correlation_input, identity_keys, present,
                              first_observed_at, observed_at)
       SELECT id, finding_id, sighting_key, tool_name, tool_version, asset, scope, report_id, rule_id, severity,
              tool_severity, fingerprint, location, source_pointer, match_rule, matched_key, match_version,
              match_detail, correlation_block, correlation_input, identity_keys, true, observed_at, observed_at
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, finding_id uuid, sighting_key text, tool_name text, tool_version text,
         asset text, scope text, report_id uuid, rule_id text, severity text, tool_severity text, fingerprint text,
         location jsonb, source_pointer text, match_rule text, matched_key text, match_version integer, match_detail jsonb,
         correlation_block text, correlation_input jsonb, identity_keys text[], observed_at timestamptz)
       ON CONFLICT (sighting_key) DO UPDATE SET
         tool_version = EXCLUDED.tool_version, report_id = EXCLUDED.report_id, rule_id = EXCLUDED.rule_id,
         severity = EXCLUDED.severity, tool_severity = EXCLUDED.tool_severity, location = EXCLUDED.location,
         source_pointer = EXCLUDED.source_pointer, correlation_block = EXCLUDED.correlation_block,
         correlation_input = EXCLUDED.correlation_input, identity_keys = EXCLUDED.identity_keys, present = true, missed_scans = 0,
         observed_at = GREATEST(evidences.observed_at, EXCLUDED.observed_at)`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * Counts one more missed scan for the present evidences of a tool on an
   * asset and scope that the given report did not confirm, and marks absent
   * those that have now missed `closeAfter` complete scans in a row. Returns
   * the findings of the evidences marked absent.
   */
  async markAbsentExcept(params: { asset: string; scope: string; toolName: string; reportId: string; closeAfter: number }): Promise<string[]> {
    const rows = await this.db.query<{ finding_id: string; present: boolean }>(
      `UPDATE evidences SET missed_scans = missed_scans + 1, present = missed_scans + 1 < $5
       WHERE asset = $1 AND scope = $2 AND tool_name = $3 AND report_id <> $4 AND present
       RETURNING finding_id, present`,
      [params.asset, params.scope, params.toolName, params.reportId, params.closeAfter],
    );
    return [...new Set(rows.filter((row) => !row.present).map((row) => row.finding_id))];
  }

  /** The evidence id and finding id stored for each of these sighting keys that has one. */
  async findBySightingKeys(sightingKeys: string[]): Promise<Map<string, { id: string; finding_id: string }>> {
    if (sightingKeys.length === 0) return new Map();
    const rows = await this.db.query<{ sighting_key: string; id: string; finding_id: string }>(
      `SELECT sighting_key, id, finding_id FROM evidences WHERE sighting_key = ANY($1::text[])`,
      [sightingKeys],
    );
    return new Map(rows.map((row) => [row.sighting_key, { id: row.id, finding_id: row.finding_id }]));
  }

  /**
   * Evidences in the given correlation blocks whose findings are not fixed:
   * the stored sightings a new sighting may be correlated with. A fixed
   * finding is found again only by its own tool's identity keys.
   */
  async findCorrelationCandidates(blocks: string[]): Promise<CorrelationCandidate[]> {
    if (blocks.length === 0) return [];
    return this.db.query<CorrelationCandidate>(
      `SELECT e.id, e.finding_id, e.sighting_key, e.tool_name, e.tool_version, e.asset, e.scope, e.report_id, e.correlation_input
       FROM evidences e JOIN findings f ON f.id = e.finding_id
       WHERE e.correlation_block = ANY($1::text[]) AND e.correlation_input IS NOT NULL AND f.status <> 'fixed'
       ORDER BY e.finding_id, e.id`,
      [blocks],
    );
  }

  /** Moves one evidence to another finding and replaces the record of how it joined. */
  async moveToFinding(evidenceId: string, findingId: string, match: Pick<EvidenceRow, 'match_rule' | 'matched_key' | 'match_version' | 'match_detail'>): Promise<void> {
    await this.db.query(
      `UPDATE evidences SET finding_id = $2, match_rule = $3, matched_key = $4, match_version = $5, match_detail = $6::jsonb WHERE id = $1`,
      [evidenceId, findingId, match.match_rule, match.matched_key, match.match_version, JSON.stringify(match.match_detail)],
    );
  }

  /** Every evidence of one finding with the record of how it joined, oldest first. */
  async findProvenance(findingId: string): Promise<EvidenceProvenance[]> {
    return this.db.query<EvidenceProvenance>(
      `SELECT id, finding_id, sighting_key, tool_name, tool_version, report_id, rule_id, location, match_rule, matched_key,
              match_version, match_detail, identity_keys, present, first_observed_at, observed_at
       FROM evidences WHERE finding_id = $1 ORDER BY first_observed_at, id`,
      [findingId],
    );
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
