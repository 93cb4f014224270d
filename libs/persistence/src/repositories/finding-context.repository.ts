import type { Queryable } from '../queryable.js';

export interface EnrichmentRow {
  id: string;
  owner: string | null;
  owner_source: string | null;
  exposure: string;
  exposure_source: string | null;
  data_classes: string[];
  criticality: string | null;
  kev: { vulnerabilityId: string; dateAdded: string; knownRansomwareUse: boolean } | null;
  enriched_at: Date;
}

export interface ScoreRow {
  id: string;
  score: number;
  priority: string;
  score_factors: Array<{ name: string; value: string; points: number; source: string }>;
  reasons: string[];
  policy_version: string;
  scored_at: Date;
}

/** The enrich and score stages' columns of a finding: context it was scored with, and the score. */
export class FindingContextRepository {
  constructor(private readonly db: Queryable) {}

  async recordEnrichment(rows: EnrichmentRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `UPDATE findings f SET owner = r.owner, owner_source = r.owner_source, exposure = r.exposure,
         exposure_source = r.exposure_source, data_classes = r.data_classes, criticality = r.criticality, kev = r.kev,
         enriched_at = r.enriched_at
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, owner text, owner_source text, exposure text, exposure_source text,
         data_classes text[], criticality text, kev jsonb, enriched_at timestamptz)
       WHERE f.id = r.id`,
      [JSON.stringify(rows)],
    );
  }

  async recordScores(rows: ScoreRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `UPDATE findings f SET score = r.score, priority = r.priority, score_factors = r.score_factors, reasons = r.reasons,
         policy_version = r.policy_version, scored_at = r.scored_at
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, score double precision, priority text, score_factors jsonb,
         reasons text[], policy_version text, scored_at timestamptz)
       WHERE f.id = r.id`,
      [JSON.stringify(rows)],
    );
  }
}
