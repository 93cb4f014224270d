import type { AssetContext } from '@sieve/contracts';
import type { Queryable } from '../queryable.js';

export interface AssetRow {
  name: string;
  kind: string | null;
  owner: string | null;
  owner_source: string | null;
  exposure: string | null;
  exposure_source: string | null;
  data_classes: string[];
  data_classes_source: string | null;
  criticality: string | null;
  criticality_source: string | null;
  system: string | null;
  lifecycle: string | null;
  images: string[];
  code_owners: AssetContext['codeOwners'];
  code_owners_source: string | null;
  runtime_observations: AssetContext['runtimeObservations'];
}

/** Assets and the context that sources (catalogs, CODEOWNERS) gave them, each value with its source. */
export class AssetRepository {
  constructor(private readonly db: Queryable) {}

  /** Creates assets seen in reports but not yet described by any context source. */
  async ensureExist(names: string[]): Promise<void> {
    if (names.length === 0) return;
    await this.db.query(`INSERT INTO assets (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [[...new Set(names)]]);
  }

  /** Stores the latest context of an asset; a compacted topic's newest value replaces the old one. */
  async upsertContext(context: AssetContext): Promise<void> {
    await this.db.query(
      `INSERT INTO assets (name, kind, owner, owner_source, exposure, exposure_source, data_classes, data_classes_source,
                           criticality, criticality_source, system, lifecycle, code_owners, code_owners_source, updated_at, images,
                           runtime_observations)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16, $17::jsonb)
       ON CONFLICT (name) DO UPDATE SET
         kind = EXCLUDED.kind, owner = EXCLUDED.owner, owner_source = EXCLUDED.owner_source, exposure = EXCLUDED.exposure,
         exposure_source = EXCLUDED.exposure_source, data_classes = EXCLUDED.data_classes,
         data_classes_source = EXCLUDED.data_classes_source, criticality = EXCLUDED.criticality,
         criticality_source = EXCLUDED.criticality_source, system = EXCLUDED.system, lifecycle = EXCLUDED.lifecycle,
         code_owners = EXCLUDED.code_owners, code_owners_source = EXCLUDED.code_owners_source, updated_at = EXCLUDED.updated_at,
         images = EXCLUDED.images, runtime_observations = EXCLUDED.runtime_observations`,
      [
        context.asset,
        context.kind,
        context.owner,
        context.ownerSource,
        context.exposure,
        context.exposureSource,
        context.dataClasses,
        context.dataClassesSource,
        context.criticality,
        context.criticalitySource,
        context.system,
        context.lifecycle,
        JSON.stringify(context.codeOwners),
        context.codeOwnersSource,
        new Date(context.updatedAt),
        context.images,
        JSON.stringify(context.runtimeObservations),
      ],
    );
  }

  /** Finds the asset a catalog links to an image; returns null when no asset or several do. */
  async findNameByImage(image: string): Promise<string | null> {
    const rows = await this.db.query<{ name: string }>(`SELECT name FROM assets WHERE $1 = ANY(images) ORDER BY name LIMIT 2`, [image]);
    return rows.length === 1 ? rows[0]!.name : null;
  }

  async findByNames(names: string[]): Promise<Map<string, AssetRow>> {
    if (names.length === 0) return new Map();
    const rows = await this.db.query<AssetRow>(`SELECT * FROM assets WHERE name = ANY($1::text[])`, [[...new Set(names)]]);
    return new Map(rows.map((row) => [row.name, row]));
  }

  async findAll(): Promise<AssetRow[]> {
    return this.db.query<AssetRow>(`SELECT * FROM assets ORDER BY name`);
  }
}
