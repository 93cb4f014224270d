import type { Queryable } from '../queryable.js';

export interface FindingEventRow {
  id: string;
  finding_id: string;
  type: 'created' | 'reopened' | 'fixed' | 'status_changed' | 'merged' | 'split' | 'edited';
  from_status: string | null;
  to_status: string | null;
  cause: string;
  actor: string;
  report_id: string | null;
  occurred_at: Date;
}

/** Every state change of a finding, with what made it and why: the source of MTTR, SLA and audit history. */
export class FindingEventRepository {
  constructor(private readonly db: Queryable) {}

  async insertMany(rows: FindingEventRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO finding_events (id, finding_id, type, from_status, to_status, cause, actor, report_id, occurred_at)
       SELECT id, finding_id, type, from_status, to_status, cause, actor, report_id, occurred_at
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, finding_id uuid, type text, from_status text, to_status text,
         cause text, actor text, report_id uuid, occurred_at timestamptz)`,
      [JSON.stringify(rows)],
    );
  }

  async findByFindingId(findingId: string): Promise<FindingEventRow[]> {
    return this.db.query<FindingEventRow>(`SELECT * FROM finding_events WHERE finding_id = $1 ORDER BY occurred_at, id`, [findingId]);
  }
}
