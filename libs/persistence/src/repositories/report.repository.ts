import { gunzipSync } from 'node:zlib';
import type { Queryable } from '../queryable.js';

export interface NewReport {
  id: string;
  sha256: string;
  asset: string;
  scope: string;
  toolHint: string | null;
  commit: string | null;
  sourceName: string | null;
  sizeBytes: number;
  receivedAt: Date;
}

export interface ReportOutcome {
  status: 'parsed' | 'rejected';
  format: string | null;
  toolName: string | null;
  toolVersion: string | null;
  complete: boolean;
  findingCount: number;
  error: { code: string; message: string; location: string | null } | null;
  warnings: Array<{ message: string; location: string | null }>;
  parsedAt: Date;
}

export interface StoredReportRow {
  id: string;
  asset: string;
  scope: string;
  status: string;
  format: string | null;
  source_name: string | null;
  finding_count: number | null;
  complete: boolean | null;
  error: ReportOutcome['error'];
  warnings: ReportOutcome['warnings'];
}

/**
 * Stored scanner reports: compressed, redacted bytes addressed by SHA-256, and
 * the outcome of parsing them. The bytes are kept as numbered gzip members
 * (report_chunks), so no query moves more than one member of a large report.
 */
export class ReportRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Deletes a stored report with these bytes, asset and scope that normalize
   * rejected, so sending it again (with another tool hint, or after an
   * upgrade) parses it again instead of counting as a duplicate. A rejected
   * report has no findings, so nothing else refers to it. Returns its id.
   */
  async deleteRejected(sha256: string, asset: string, scope: string): Promise<string | null> {
    const rows = await this.db.query<{ id: string }>(
      `DELETE FROM reports WHERE sha256 = $1 AND asset = $2 AND scope = $3 AND status = 'rejected' RETURNING id`,
      [sha256, asset, scope],
    );
    const id = rows[0]?.id ?? null;
    if (id !== null) {
      await this.db.query(`DELETE FROM report_progress WHERE report_id = $1`, [id]);
    }
    return id;
  }

  /** Id of a stored report with these bytes, asset and scope that normalize has not rejected, or null. */
  async findAccepted(sha256: string, asset: string, scope: string): Promise<string | null> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM reports WHERE sha256 = $1 AND asset = $2 AND scope = $3 AND status <> 'rejected'`,
      [sha256, asset, scope],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Records a report unless the same bytes were already stored for the same
   * asset and scope. Returns the id of the stored report and whether it was
   * already there. The caller then appends the content of a new one.
   */
  async insertIfAbsent(report: NewReport): Promise<{ id: string; duplicate: boolean }> {
    const inserted = await this.db.query<{ id: string }>(
      `INSERT INTO reports (id, sha256, asset, scope, tool_hint, commit_sha, source_name, size_bytes, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (sha256, asset, scope) DO NOTHING
       RETURNING id`,
      [
        report.id,
        report.sha256,
        report.asset,
        report.scope,
        report.toolHint,
        report.commit,
        report.sourceName,
        report.sizeBytes,
        report.receivedAt,
      ],
    );
    if (inserted.length > 0) {
      return { id: inserted[0]!.id, duplicate: false };
    }
    const existing = await this.db.query<{ id: string }>(
      `SELECT id FROM reports WHERE sha256 = $1 AND asset = $2 AND scope = $3`,
      [report.sha256, report.asset, report.scope],
    );
    return { id: existing[0]!.id, duplicate: true };
  }

  /** Stores the next gzip member of a report's content; `seq` counts from 0. */
  async appendChunk(reportId: string, seq: number, gzip: Buffer): Promise<void> {
    await this.db.query(`INSERT INTO report_chunks (report_id, seq, content_gzip) VALUES ($1, $2, $3)`, [reportId, seq, gzip]);
  }

  /** Returns one gzip member of a report's content, or null past the last one. */
  async findChunk(reportId: string, seq: number): Promise<Buffer | null> {
    const rows = await this.db.query<{ content_gzip: Uint8Array }>(`SELECT content_gzip FROM report_chunks WHERE report_id = $1 AND seq = $2`, [reportId, seq]);
    const row = rows[0];
    return row ? Buffer.from(row.content_gzip) : null;
  }

  /** Returns the stored (redacted) bytes of a report whole, or null when there is no such report. */
  async findContent(reportId: string): Promise<Buffer | null> {
    const rows = await this.db.query<{ content_gzip: Uint8Array }>(`SELECT content_gzip FROM report_chunks WHERE report_id = $1 ORDER BY seq`, [reportId]);
    if (rows.length === 0) {
      return null;
    }
    return gunzipSync(Buffer.concat(rows.map((row) => Buffer.from(row.content_gzip))));
  }

  /** Size of a report as received, before redaction and compression, or null when there is no such report. */
  async findSize(reportId: string): Promise<number | null> {
    const rows = await this.db.query<{ size_bytes: string | number }>(`SELECT size_bytes FROM reports WHERE id = $1`, [reportId]);
    return rows[0] ? Number(rows[0].size_bytes) : null;
  }

  async recordOutcome(reportId: string, outcome: ReportOutcome): Promise<void> {
    await this.db.query(
      `UPDATE reports SET status = $2, format = $3, tool_name = $4, tool_version = $5, complete = $6,
              finding_count = $7, error = $8::jsonb, warnings = $9::jsonb, parsed_at = $10
       WHERE id = $1`,
      [
        reportId,
        outcome.status,
        outcome.format,
        outcome.toolName,
        outcome.toolVersion,
        outcome.complete,
        outcome.findingCount,
        outcome.error === null ? null : JSON.stringify(outcome.error),
        JSON.stringify(outcome.warnings),
        outcome.parsedAt,
      ],
    );
  }

  async findById(reportId: string): Promise<StoredReportRow | null> {
    const rows = await this.db.query<StoredReportRow>(
      `SELECT id, asset, scope, status, format, source_name, finding_count, complete, error, warnings FROM reports WHERE id = $1`,
      [reportId],
    );
    return rows[0] ?? null;
  }

  /** Counts findings of each report that dedup has applied, in the same transaction as the dedup writes. */
  async addDeduplicated(counts: Map<string, number>): Promise<void> {
    if (counts.size === 0) return;
    await this.db.query(
      `INSERT INTO report_progress (report_id, findings_deduplicated)
       SELECT report_id, n FROM jsonb_to_recordset($1::jsonb) AS r(report_id uuid, n integer)
       ON CONFLICT (report_id) DO UPDATE SET findings_deduplicated = report_progress.findings_deduplicated + EXCLUDED.findings_deduplicated`,
      [JSON.stringify([...counts].map(([report_id, n]) => ({ report_id, n })))],
    );
  }

  async countDeduplicated(reportId: string): Promise<number> {
    const rows = await this.db.query<{ n: number }>(`SELECT findings_deduplicated AS n FROM report_progress WHERE report_id = $1`, [reportId]);
    return rows[0]?.n ?? 0;
  }

  /** Counts, per report, the findings dedup has applied; reports without any are absent from the map. */
  async countDeduplicatedMany(reportIds: string[]): Promise<Map<string, number>> {
    if (reportIds.length === 0) return new Map();
    const rows = await this.db.query<{ report_id: string; n: number }>(
      `SELECT report_id, findings_deduplicated AS n FROM report_progress WHERE report_id = ANY($1::uuid[])`,
      [reportIds],
    );
    return new Map(rows.map((row) => [row.report_id, row.n]));
  }

  /** Keeps a complete scan's closure until all its findings are deduplicated. */
  async deferClosure(reportId: string, closure: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO report_progress (report_id, pending_closure) VALUES ($1, $2::jsonb)
       ON CONFLICT (report_id) DO UPDATE SET pending_closure = EXCLUDED.pending_closure`,
      [reportId, JSON.stringify(closure)],
    );
  }

  /** Takes the deferred closures of the given reports whose findings are now all deduplicated. */
  async takeReadyClosures<T>(reportIds: string[], expectedCount: (closure: T) => number): Promise<T[]> {
    if (reportIds.length === 0) return [];
    const rows = await this.db.query<{ report_id: string; findings_deduplicated: number; pending_closure: T }>(
      `SELECT report_id, findings_deduplicated, pending_closure FROM report_progress
       WHERE report_id = ANY($1::uuid[]) AND pending_closure IS NOT NULL FOR UPDATE`,
      [reportIds],
    );
    const ready = rows.filter((row) => row.findings_deduplicated >= expectedCount(row.pending_closure));
    if (ready.length > 0) {
      await this.db.query(`UPDATE report_progress SET pending_closure = NULL WHERE report_id = ANY($1::uuid[])`, [ready.map((row) => row.report_id)]);
    }
    return ready.map((row) => row.pending_closure);
  }

  /** Scope of each given report, for lifecycle decisions. */
  async scopesOf(reportIds: string[]): Promise<Map<string, string>> {
    const rows = await this.db.query<{ id: string; scope: string }>(`SELECT id, scope FROM reports WHERE id = ANY($1::uuid[])`, [reportIds]);
    return new Map(rows.map((row) => [row.id, row.scope]));
  }
}
