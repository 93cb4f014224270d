import type { Queryable } from '../queryable.js';

export interface EnrichmentRow {
  id: string;
  owner: string | null;
  owner_source: string | null;
  exposure: string;
  exposure_source: string | null;
  data_classes: string[];
  data_classes_source: string | null;
  criticality: string | null;
  criticality_source: string | null;
  kev: { vulnerabilityId: string; dateAdded: string; knownRansomwareUse: boolean } | null;
  epss: { vulnerabilityId: string; probability: number; percentile: number; scoreDate: string } | null;
  exploit_hint: string | null;
  reachability: 'reachable' | 'unreachable' | 'unknown';
  reachability_source: string | null;
  reachability_reason: string | null;
  blast_radius: number | null;
  enriched_at: Date;
}

export interface ScoreRow {
  id: string;
  score: number;
  priority: string;
  score_factors: Array<{ name: string; value: string; points: number; source: string }>;
  reasons: string[];
  policy_version: string;
  ssvc: { decision: string; exploitation: string; automatable: boolean; technicalImpact: string; missionImpact: string } | null;
  /** ISO calendar day (UTC). */
  sla_due_date: string | null;
  scored_at: Date;
}

/** The enrich and score stages' columns of a finding: context it was scored with, and the score. */
export class FindingContextRepository {
  constructor(private readonly db: Queryable) {}

  async recordEnrichment(rows: EnrichmentRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `UPDATE findings f SET owner = r.owner, owner_source = r.owner_source, exposure = r.exposure,
         exposure_source = r.exposure_source, data_classes = r.data_classes, data_classes_source = r.data_classes_source,
         criticality = r.criticality, criticality_source = r.criticality_source, kev = r.kev, epss = r.epss,
         reachability = r.reachability, reachability_source = r.reachability_source,
         reachability_reason = r.reachability_reason, blast_radius = r.blast_radius, enriched_at = r.enriched_at
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, owner text, owner_source text, exposure text, exposure_source text,
         data_classes text[], data_classes_source text, criticality text, criticality_source text, kev jsonb, epss jsonb,
         reachability text, reachability_source text, reachability_reason text, blast_radius integer, enriched_at timestamptz)
       WHERE f.id = r.id`,
      [JSON.stringify(rows)],
    );
  }

  async recordScores(rows: ScoreRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `UPDATE findings f SET score = r.score, priority = r.priority, score_factors = r.score_factors, reasons = r.reasons,
         policy_version = r.policy_version, ssvc = r.ssvc, sla_due_date = r.sla_due_date, scored_at = r.scored_at
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, score double precision, priority text, score_factors jsonb,
         reasons text[], policy_version text, ssvc jsonb, sla_due_date text, scored_at timestamptz)
       WHERE f.id = r.id`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * Counts, per package version, the assets that have an active finding on
   * it. Keys are `ecosystem|name|version`, as the enrich stage builds them.
   */
  async countAssetsByPackage(keys: string[]): Promise<Map<string, number>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db.query<{ key: string; assets: number }>(
      `SELECT package_ecosystem || '|' || package_name || '|' || package_version AS key, count(DISTINCT asset)::int AS assets
       FROM findings
       WHERE status IN ('open', 'reopened')
         AND (package_ecosystem, package_name, package_version) IN (
           SELECT split_part(k, '|', 1), split_part(k, '|', 2), substr(k, length(split_part(k, '|', 1)) + length(split_part(k, '|', 2)) + 3)
           FROM unnest($1::text[]) AS k)
       GROUP BY 1`,
      [[...new Set(keys)]],
    );
    return new Map(rows.map((row) => [row.key, row.assets]));
  }
}
