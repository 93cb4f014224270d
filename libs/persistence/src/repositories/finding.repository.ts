import type { Queryable } from '../queryable.js';
import type { EnrichmentRow } from './finding-context.repository.js';

export interface FindingRow {
  id: string;
  identity_key: string;
  identity_version: number;
  asset: string;
  category: string;
  title: string;
  description: string | null;
  rule_id: string | null;
  cwes: string[];
  vulnerability_ids: string[];
  package_purl: string | null;
  package_ecosystem: string | null;
  package_name: string | null;
  package_version: string | null;
  fixed_versions: string[];
  location: Record<string, unknown>;
  severity: string;
  tool_severity: string | null;
  cvss: { version: string; vector: string; baseScore: number; source: string | null } | null;
  secret_sha256: string | null;
  secret_preview: string | null;
  /** Exploit maturity a report states, as `<tool>:<maturity>`. */
  exploit_hint: string | null;
  /** A scanner's own reachability verdict. */
  reachability_hint: { reachable: boolean; source: string } | null;
  /** Justification of a VEX statement in a report, such as code_not_reachable. */
  vex_justification: string | null;
  status: string;
  first_seen: Date;
  last_seen: Date;
  fixed_at: Date | null;
  reopen_count: number;
}

/** Tool-supplied fields, refreshed on every sighting. */
export type FindingContent = Omit<FindingRow, 'id' | 'identity_key' | 'identity_version' | 'status' | 'first_seen' | 'last_seen' | 'fixed_at' | 'reopen_count'>;

export type FindingSummary = Pick<
  FindingRow,
  | 'id'
  | 'identity_key'
  | 'asset'
  | 'category'
  | 'title'
  | 'status'
  | 'severity'
  | 'cvss'
  | 'vulnerability_ids'
  | 'cwes'
  | 'package_purl'
  | 'package_ecosystem'
  | 'package_name'
  | 'package_version'
  | 'exploit_hint'
  | 'reachability_hint'
  | 'vex_justification'
  | 'first_seen'
> & { path: string | null };

/** Scoring inputs of an active finding, with its current score, for a what-if comparison. */
export type ScoringInputRow = Pick<FindingRow, 'id' | 'title' | 'asset' | 'severity' | 'cvss'> &
  Omit<EnrichmentRow, 'id' | 'owner' | 'owner_source' | 'exposure' | 'enriched_at'> & {
    exposure: string | null;
    score: number;
    priority: string;
    policy_version: string;
  };

export interface FindingState {
  id: string;
  identity_key: string;
  asset: string;
  status: string;
}

// Column list shared by the bulk insert and its jsonb_to_recordset shape.
const INSERT_COLUMNS = `id uuid, identity_key text, identity_version integer, asset text, category text, title text,
  description text, rule_id text, cwes text[], vulnerability_ids text[], package_purl text, package_ecosystem text,
  package_name text, package_version text, fixed_versions text[], location jsonb, severity text, tool_severity text,
  cvss jsonb, secret_sha256 text, secret_preview text, exploit_hint text, reachability_hint jsonb, vex_justification text,
  status text, first_seen timestamptz, last_seen timestamptz`;

const INSERT_NAMES = INSERT_COLUMNS.split(',').map((column) => column.trim().split(/\s+/)[0]).join(', ');

/** Canonical findings. Writes are bulk statements over JSON record sets, one round trip per batch. */
export class FindingRepository {
  constructor(private readonly db: Queryable) {}

  async insertMany(rows: FindingRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO findings (${INSERT_NAMES})
       SELECT ${INSERT_NAMES} FROM jsonb_to_recordset($1::jsonb) AS r(${INSERT_COLUMNS})`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * Records a new sighting of existing findings: refreshes the tool-supplied
   * fields, moves last_seen, and reopens findings that were fixed. Triage
   * states set by a person or a VEX statement are kept, and so are the
   * fields listed in human_fields, which a person set.
   */
  async recordSightings(rows: Array<FindingContent & { id: string; seen_at: Date; triage_status: string | null }>): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `UPDATE findings f SET
         title = CASE WHEN 'title' = ANY(f.human_fields) THEN f.title ELSE r.title END,
         description = CASE WHEN 'description' = ANY(f.human_fields) THEN f.description ELSE r.description END,
         rule_id = COALESCE(r.rule_id, f.rule_id),
         cwes = (SELECT ARRAY(SELECT DISTINCT unnest(f.cwes || r.cwes) ORDER BY 1)),
         vulnerability_ids = f.vulnerability_ids || ARRAY(SELECT v FROM unnest(r.vulnerability_ids) WITH ORDINALITY AS n(v, i) WHERE NOT v = ANY(f.vulnerability_ids) ORDER BY i),
         fixed_versions = CASE WHEN 'fixed_versions' = ANY(f.human_fields) OR cardinality(r.fixed_versions) = 0 THEN f.fixed_versions ELSE r.fixed_versions END,
         cvss = COALESCE(r.cvss, f.cvss), tool_severity = COALESCE(r.tool_severity, f.tool_severity),
         location = r.location,
         exploit_hint = COALESCE(r.exploit_hint, f.exploit_hint),
         reachability_hint = COALESCE(r.reachability_hint, f.reachability_hint),
         vex_justification = COALESCE(r.vex_justification, f.vex_justification),
         last_seen = GREATEST(f.last_seen, r.seen_at),
         status = CASE WHEN f.status = 'fixed' THEN 'reopened'
                       WHEN r.triage_status IS NOT NULL AND f.status IN ('open', 'reopened') THEN r.triage_status
                       ELSE f.status END,
         reopen_count = f.reopen_count + CASE WHEN f.status = 'fixed' THEN 1 ELSE 0 END,
         fixed_at = CASE WHEN f.status = 'fixed' THEN NULL ELSE f.fixed_at END
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, title text, description text, rule_id text, cwes text[],
         vulnerability_ids text[], fixed_versions text[], cvss jsonb, tool_severity text, location jsonb,
         exploit_hint text, reachability_hint jsonb, vex_justification text, seen_at timestamptz, triage_status text)
       WHERE f.id = r.id`,
      [JSON.stringify(rows)],
    );
  }

  /** Sets each finding's severity to the highest one among its present evidences, unless a person set it. */
  async recomputeSeverity(findingIds: string[]): Promise<void> {
    if (findingIds.length === 0) return;
    await this.db.query(
      `UPDATE findings f SET severity = s.severity
       FROM (
         SELECT finding_id,
                (array_agg(severity ORDER BY CASE severity WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3
                   WHEN 'low' THEN 2 WHEN 'info' THEN 1 ELSE 0 END DESC))[1] AS severity
         FROM evidences WHERE finding_id = ANY($1::uuid[]) AND present GROUP BY finding_id
       ) s
       WHERE f.id = s.finding_id AND f.severity IS DISTINCT FROM s.severity AND NOT 'severity' = ANY(f.human_fields)`,
      [findingIds],
    );
  }

  async findStates(findingIds: string[]): Promise<FindingState[]> {
    if (findingIds.length === 0) return [];
    return this.db.query<FindingState>(`SELECT id, identity_key, asset, status FROM findings WHERE id = ANY($1::uuid[])`, [findingIds]);
  }

  /** Reads the fields enrich and score need, without descriptions and evidence detail. */
  async findSummaries(findingIds: string[]): Promise<FindingSummary[]> {
    if (findingIds.length === 0) return [];
    return this.db.query<FindingSummary>(
      `SELECT id, identity_key, asset, category, title, status, severity, cvss, vulnerability_ids, cwes, package_purl,
              package_ecosystem, package_name, package_version, exploit_hint, reachability_hint, vex_justification, first_seen,
              location->>'path' AS path
       FROM findings WHERE id = ANY($1::uuid[])`,
      [findingIds],
    );
  }

  async findByIds(findingIds: string[]): Promise<FindingRow[]> {
    if (findingIds.length === 0) return [];
    return this.db.query<FindingRow>(`SELECT * FROM findings WHERE id = ANY($1::uuid[])`, [findingIds]);
  }

  /**
   * Sets a finding's title, rule and location from one of its evidences, for
   * example after a split took away the evidence they came from. A title a
   * person set is kept.
   */
  async adoptEvidenceFields(findingId: string, fields: { title: string | null; rule_id: string | null; location: Record<string, unknown> }): Promise<void> {
    await this.db.query(
      `UPDATE findings SET title = CASE WHEN $2::text IS NULL OR 'title' = ANY(human_fields) THEN title ELSE $2 END,
         rule_id = $3, location = $4::jsonb
       WHERE id = $1`,
      [findingId, fields.title, fields.rule_id, JSON.stringify(fields.location)],
    );
  }

  /**
   * Marks as fixed the active findings among the given ids that no tool still
   * reports (no present evidence). Returns the findings it closed.
   */
  async closeUnreported(findingIds: string[], fixedAt: Date): Promise<FindingState[]> {
    if (findingIds.length === 0) return [];
    return this.db.query<FindingState>(
      `UPDATE findings f SET status = 'fixed', fixed_at = $2
       WHERE f.id = ANY($1::uuid[]) AND f.status IN ('open', 'reopened')
         AND NOT EXISTS (SELECT 1 FROM evidences e WHERE e.finding_id = f.id AND e.present)
       RETURNING id, identity_key, asset, 'fixed' AS status`,
      [findingIds, fixedAt],
    );
  }

  /** Reads what scoring needs of every active, scored finding, for a what-if comparison of policies. */
  async findScoringInputs(): Promise<ScoringInputRow[]> {
    return this.db.query<ScoringInputRow>(
      `SELECT id, title, asset, severity, cvss, exposure, exposure_source, data_classes, data_classes_source, criticality,
              criticality_source, kev, epss, exploit_hint, reachability, reachability_source, reachability_reason, blast_radius,
              score, priority, policy_version
       FROM findings WHERE status IN ('open', 'reopened') AND score IS NOT NULL ORDER BY score DESC, id`,
    );
  }

  async findAllIds(): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM findings ORDER BY id`);
    return rows.map((row) => row.id);
  }

  /** Ids of the findings on an asset, for re-enrichment after its context changed. */
  async findIdsByAsset(asset: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM findings WHERE asset = $1 ORDER BY id`, [asset]);
    return rows.map((row) => row.id);
  }

  /** Ids of findings that name any of the given vulnerability ids, for re-enrichment after intel changed. */
  async findIdsByVulnerabilityIds(vulnerabilityIds: string[]): Promise<string[]> {
    if (vulnerabilityIds.length === 0) return [];
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM findings WHERE vulnerability_ids && $1::text[] ORDER BY id`, [vulnerabilityIds]);
    return rows.map((row) => row.id);
  }
}
