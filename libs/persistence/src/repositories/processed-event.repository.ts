import type { Queryable } from '../queryable.js';

/**
 * Event ids a handler has already applied. Recorded in the same transaction as
 * the handler's writes, so a redelivered message is recognised and skipped.
 */
export class ProcessedEventRepository {
  constructor(private readonly db: Queryable) {}

  /** Records the ids and returns those that were not recorded before. */
  async claim(handler: string, eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows = await this.db.query<{ event_id: string }>(
      `INSERT INTO processed_events (handler, event_id) SELECT $1, unnest($2::text[])
       ON CONFLICT (handler, event_id) DO NOTHING RETURNING event_id`,
      [handler, eventIds],
    );
    return new Set(rows.map((row) => row.event_id));
  }
}
