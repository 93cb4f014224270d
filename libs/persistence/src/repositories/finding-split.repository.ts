import type { Queryable } from '../queryable.js';

export interface FindingSplitRow {
  id: string;
  sighting_key: string;
  evidence_id: string;
  from_finding_id: string;
  to_finding_id: string;
  actor: string;
  reason: string;
  created_at: Date;
}

/** Splits people made: a sighting taken off a finding must never be merged back into it. */
export class FindingSplitRepository {
  constructor(private readonly db: Queryable) {}

  async insert(row: FindingSplitRow): Promise<void> {
    await this.db.query(
      `INSERT INTO finding_splits (id, sighting_key, evidence_id, from_finding_id, to_finding_id, actor, reason, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.id, row.sighting_key, row.evidence_id, row.from_finding_id, row.to_finding_id, row.actor, row.reason, row.created_at],
    );
  }

  /** Splits that took an evidence off this finding or created it. */
  async findByFindingId(findingId: string): Promise<FindingSplitRow[]> {
    return this.db.query<FindingSplitRow>(`SELECT * FROM finding_splits WHERE from_finding_id = $1 OR to_finding_id = $1 ORDER BY created_at, id`, [findingId]);
  }
}
