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
  /** Rule that joined the evidence to its finding: 'origin', an identity key rule, a correlation rule, or 'split'. */
  match_rule: string;
  matched_key: string;
  /** Version of the identity or correlation rules that made the match. */
  match_version: number;
  /** Details of the match: the other evidence, the shared key or fields, and the rule's reason. */
  match_detail: Record<string, unknown>;
  /** Block within which the correlation rules compare this sighting with others; null when no rule applies. */
  correlation_block: string | null;
  /** The finding fields the correlation rules read, as this tool reported them. */
  correlation_input: Record<string, unknown> | null;
  identity_keys: string[];
  /** Hash of everything the tool reported in this sighting except where in the report it sits. */
  content_hash: string;
  observed_at: Date;
}

/** Stored evidence of a sighting, as dedup reads it before grouping. */
export interface StoredSighting {
  id: string;
  finding_id: string;
  content_hash: string | null;
  present: boolean;
  finding_status: string;
  finding_identity_key: string;
  /** Findings a person split this sighting off. */
  separated_from: string[];
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
  /** The title the tool gave, when the evidence kept its correlation fields. */
  title: string | null;
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
                              match_detail, correlation_block, correlation_input, identity_keys, content_hash, present,
                              first_observed_at, observed_at)
       SELECT id, finding_id, sighting_key, tool_name, tool_version, asset, scope, report_id, rule_id, severity,
              tool_severity, fingerprint, location, source_pointer, match_rule, matched_key, match_version,
              match_detail, correlation_block, correlation_input, identity_keys, content_hash, true, observed_at, observed_at
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, finding_id uuid, sighting_key text, tool_name text, tool_version text,
         asset text, scope text, report_id uuid, rule_id text, severity text, tool_severity text, fingerprint text,
         location jsonb, source_pointer text, match_rule text, matched_key text, match_version integer, match_detail jsonb,
         correlation_block text, correlation_input jsonb, identity_keys text[], content_hash text, observed_at timestamptz)
       ON CONFLICT (sighting_key) DO UPDATE SET
         tool_version = EXCLUDED.tool_version, report_id = EXCLUDED.report_id, rule_id = EXCLUDED.rule_id,
         severity = EXCLUDED.severity, tool_severity = EXCLUDED.tool_severity, location = EXCLUDED.location,
         source_pointer = EXCLUDED.source_pointer, correlation_block = EXCLUDED.correlation_block,
         correlation_input = EXCLUDED.correlation_input, identity_keys = EXCLUDED.identity_keys,
         content_hash = EXCLUDED.content_hash, present = true, missed_scans = 0,
         observed_at = GREATEST(evidences.observed_at, EXCLUDED.observed_at)`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * Marks absent, for several complete scans in one statement, the evidence
   * of each scan's tool, asset and scope that its report did not confirm.
   * Only evidence last seen in a report parsed before the scan counts: over
   * Kafka a later scan's findings can be applied before an earlier scan's
   * closure runs, and that scan must not close them. The scans must name
   * distinct tool, asset and scope triples, because one evidence row is
   * updated once per statement. Returns, per report, the findings whose
   * evidence is now absent.
   */
  async markAbsentForScans(scans: Array<{ asset: string; scope: string; toolName: string; reportId: string; parsedAt: Date }>, closeAfter: number): Promise<Map<string, string[]>> {
    const absent = new Map<string, string[]>();
    if (scans.length === 0) return absent;
    const rows = await this.db.query<{ finding_id: string; present: boolean; report_id: string }>(
      `UPDATE evidences e SET missed_scans = e.missed_scans + 1, present = e.missed_scans + 1 < $2
       FROM jsonb_to_recordset($1::jsonb) AS r(asset text, scope text, tool_name text, report_id uuid, parsed_at timestamptz)
       WHERE e.asset = r.asset AND e.scope = r.scope AND e.tool_name = r.tool_name AND e.report_id <> r.report_id AND e.present
         AND COALESCE((SELECT COALESCE(s.parsed_at, s.received_at) FROM reports s WHERE s.id = e.report_id), '-infinity') <= r.parsed_at
       RETURNING e.finding_id, e.present, r.report_id`,
      [
        JSON.stringify(scans.map((scan) => ({ asset: scan.asset, scope: scan.scope, tool_name: scan.toolName, report_id: scan.reportId, parsed_at: scan.parsedAt }))),
        closeAfter,
      ],
    );
    for (const row of rows) {
      if (row.present) continue;
      const findings = absent.get(row.report_id) ?? [];
      if (!findings.includes(row.finding_id)) findings.push(row.finding_id);
      absent.set(row.report_id, findings);
    }
    return absent;
  }

  /** Reads the stored evidence of each of these sighting keys that has one, with its finding's status and recorded splits. */
  async findStoredSightings(sightingKeys: string[]): Promise<Map<string, StoredSighting>> {
    if (sightingKeys.length === 0) return new Map();
    const rows = await this.db.query<StoredSighting & { sighting_key: string }>(
      `SELECT e.sighting_key, e.id, e.finding_id, e.content_hash, e.present, f.status AS finding_status,
              f.identity_key AS finding_identity_key,
              ARRAY(SELECT s.from_finding_id::text FROM finding_splits s WHERE s.sighting_key = e.sighting_key) AS separated_from
       FROM evidences e JOIN findings f ON f.id = e.finding_id
       WHERE e.sighting_key = ANY($1::text[])`,
      [sightingKeys],
    );
    return new Map(rows.map(({ sighting_key, ...stored }) => [sighting_key, stored]));
  }

  /**
   * Confirms unchanged sightings from a new report in one statement. Each
   * evidence moves to that report, because complete scans close what their
   * report did not confirm. Its pointer into the report and its observed
   * time are refreshed, its missed scans reset, and its finding's last_seen
   * moved. Nothing else of the evidence or the finding is rewritten.
   */
  async confirmUnchanged(rows: Array<{ id: string; report_id: string; source_pointer: string }>, observedAt: Date): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `WITH confirmed AS (
         UPDATE evidences e SET report_id = r.report_id, source_pointer = r.source_pointer, present = true, missed_scans = 0,
                observed_at = GREATEST(e.observed_at, $4)
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS r(id, report_id, source_pointer)
         WHERE e.id = r.id
         RETURNING e.finding_id
       )
       UPDATE findings SET last_seen = $4 WHERE id IN (SELECT finding_id FROM confirmed) AND last_seen < $4`,
      [rows.map((row) => row.id), rows.map((row) => row.report_id), rows.map((row) => row.source_pointer), observedAt],
    );
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

  /** Reads every evidence of one finding with the record of how it joined, oldest first. */
  async findProvenance(findingId: string): Promise<EvidenceProvenance[]> {
    return this.db.query<EvidenceProvenance>(
      `SELECT id, finding_id, sighting_key, tool_name, tool_version, report_id, rule_id, location, match_rule, matched_key,
              match_version, match_detail, identity_keys, present, first_observed_at, observed_at, correlation_input->>'title' AS title
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
