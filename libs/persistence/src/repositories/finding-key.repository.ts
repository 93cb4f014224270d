import type { Queryable } from '../queryable.js';

export interface FindingKeyRow {
  key: string;
  finding_id: string;
  rule: string;
  rule_version: number;
}

/** The keys under which each canonical finding is known; any shared key makes two sightings one finding. */
export class FindingKeyRepository {
  constructor(private readonly db: Queryable) {}

  async findFindingIds(keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db.query<{ key: string; finding_id: string }>(`SELECT key, finding_id FROM finding_keys WHERE key = ANY($1::text[])`, [keys]);
    return new Map(rows.map((row) => [row.key, row.finding_id]));
  }

  /** Reads every key of one finding, to explain why its sightings are one finding. */
  async findByFindingId(findingId: string): Promise<FindingKeyRow[]> {
    return this.db.query<FindingKeyRow>(`SELECT key, finding_id, rule, rule_version FROM finding_keys WHERE finding_id = $1 ORDER BY key`, [findingId]);
  }

  /** Moves the given keys from one finding to another; keys that name another finding stay. Returns the keys moved. */
  async reassign(keys: string[], fromFindingId: string, toFindingId: string): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.query<{ key: string }>(
      `UPDATE finding_keys SET finding_id = $3 WHERE key = ANY($1::text[]) AND finding_id = $2 RETURNING key`,
      [keys, fromFindingId, toFindingId],
    );
    return rows.map((row) => row.key).sort();
  }

  /** Adds keys; a key that already names a finding keeps it. */
  async insertMany(rows: FindingKeyRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO finding_keys (key, finding_id, rule, rule_version)
       SELECT key, finding_id, rule, rule_version FROM jsonb_to_recordset($1::jsonb) AS r(key text, finding_id uuid, rule text, rule_version integer)
       ON CONFLICT (key) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }
}
