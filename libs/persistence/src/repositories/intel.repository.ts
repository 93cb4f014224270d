import type { VulnerabilityIntel } from '@sieve/contracts';
import type { Queryable } from '../queryable.js';

export interface IntelRow {
  vulnerability_id: string;
  kev: VulnerabilityIntel['kev'];
  epss: VulnerabilityIntel['epss'];
  aliases: string[];
  source: string;
}

/** Exploitation intel per vulnerability id (CISA KEV, EPSS). */
export class IntelRepository {
  constructor(private readonly db: Queryable) {}

  async upsertMany(records: VulnerabilityIntel[]): Promise<void> {
    if (records.length === 0) return;
    const rows = records.map((record) => ({
      vulnerability_id: record.vulnerabilityId,
      kev: record.kev,
      epss: record.epss,
      aliases: record.aliases,
      source: record.source,
      updated_at: new Date(record.updatedAt),
    }));
    await this.db.query(
      `INSERT INTO vulnerability_intel (vulnerability_id, kev, epss, aliases, source, updated_at)
       SELECT vulnerability_id, kev, epss, aliases, source, updated_at
       FROM jsonb_to_recordset($1::jsonb) AS r(vulnerability_id text, kev jsonb, epss jsonb, aliases text[], source text, updated_at timestamptz)
       ON CONFLICT (vulnerability_id) DO UPDATE SET kev = EXCLUDED.kev, epss = EXCLUDED.epss, aliases = EXCLUDED.aliases,
         source = EXCLUDED.source, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(rows)],
    );
  }

  async findByIds(vulnerabilityIds: string[]): Promise<Map<string, IntelRow>> {
    if (vulnerabilityIds.length === 0) return new Map();
    const rows = await this.db.query<IntelRow>(
      `SELECT vulnerability_id, kev, epss, aliases, source FROM vulnerability_intel WHERE vulnerability_id = ANY($1::text[])`,
      [[...new Set(vulnerabilityIds)]],
    );
    return new Map(rows.map((row) => [row.vulnerability_id, row]));
  }

  /** Reads the known aliases of the given ids; ids without any are left out. */
  async findAliases(vulnerabilityIds: string[]): Promise<Map<string, string[]>> {
    if (vulnerabilityIds.length === 0) return new Map();
    const rows = await this.db.query<{ vulnerability_id: string; aliases: string[] }>(
      `SELECT vulnerability_id, aliases FROM vulnerability_intel WHERE vulnerability_id = ANY($1::text[]) AND cardinality(aliases) > 0`,
      [[...new Set(vulnerabilityIds)]],
    );
    return new Map(rows.map((row) => [row.vulnerability_id, row.aliases]));
  }
}
