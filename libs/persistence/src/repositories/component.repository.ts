import type { Queryable } from '../queryable.js';

export interface ComponentRow {
  asset: string;
  purl: string;
  name: string;
  version: string | null;
  licenses: string[];
  direct: boolean | null;
  report_id: string;
  observed_at: Date;
}

/** The SBOM inventory of each asset. */
export class ComponentRepository {
  constructor(private readonly db: Queryable) {}

  async upsertMany(rows: ComponentRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO components (asset, purl, name, version, licenses, direct, report_id, observed_at)
       SELECT DISTINCT ON (asset, purl) asset, purl, name, version, licenses, direct, report_id, observed_at
       FROM jsonb_to_recordset($1::jsonb) AS r(asset text, purl text, name text, version text, licenses text[], direct boolean,
         report_id uuid, observed_at timestamptz)
       ON CONFLICT (asset, purl) DO UPDATE SET name = EXCLUDED.name, version = EXCLUDED.version, licenses = EXCLUDED.licenses,
         direct = EXCLUDED.direct, report_id = EXCLUDED.report_id, observed_at = EXCLUDED.observed_at`,
      [JSON.stringify(rows)],
    );
  }

  async countByAsset(asset: string): Promise<number> {
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM components WHERE asset = $1`, [asset]);
    return rows[0]?.n ?? 0;
  }
}
