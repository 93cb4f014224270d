// Progress and latency of a distributed run, read from the canonical state in PostgreSQL.
import type { DataSource } from 'typeorm';

export interface PipelineTimings {
  findings: number;
  scored: number;
  /** Earliest reports.received_at, in epoch milliseconds. */
  firstReceivedMs: number;
  /** Latest findings.scored_at, in epoch milliseconds. */
  lastScoredMs: number;
  /** Scored findings per second between the 10th and 90th percentile of scored_at, leaving out ramp-up and tail. */
  sustainedPerSecond: number;
  /** Report received to finding scored, in milliseconds. */
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

export async function countScored(dataSource: DataSource): Promise<number> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM findings WHERE scored_at IS NOT NULL`);
  return row.n;
}

/**
 * Scan-to-queue latency of every finding: from the time ingest stored the
 * report that first reported it (reports.received_at) to the time the score
 * stage committed its score (findings.scored_at). Both clocks are this
 * machine's, read by the services.
 */
export async function pipelineTimings(dataSource: DataSource): Promise<PipelineTimings> {
  const [row] = await dataSource.query(`
    WITH first_sighting AS (
      SELECT DISTINCT ON (e.finding_id) e.finding_id, r.received_at
        FROM evidences e JOIN reports r ON r.id = e.report_id
       ORDER BY e.finding_id, e.first_observed_at
    ), latency AS (
      SELECT extract(epoch FROM f.scored_at - s.received_at) * 1000 AS ms, f.scored_at
        FROM findings f JOIN first_sighting s ON s.finding_id = f.id
       WHERE f.scored_at IS NOT NULL
    )
    SELECT (SELECT count(*)::int FROM findings) AS findings,
           count(*)::int AS scored,
           (SELECT extract(epoch FROM min(received_at)) * 1000 FROM reports)::float8 AS first_received_ms,
           (extract(epoch FROM max(scored_at)) * 1000)::float8 AS last_scored_ms,
           (extract(epoch FROM percentile_disc(0.1) WITHIN GROUP (ORDER BY scored_at)) * 1000)::float8 AS p10_scored_ms,
           (extract(epoch FROM percentile_disc(0.9) WITHIN GROUP (ORDER BY scored_at)) * 1000)::float8 AS p90_scored_ms,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::float8 AS p50,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY ms)::float8 AS p90,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::float8 AS p99,
           max(ms)::float8 AS max
      FROM latency`);
  const window = (row.p90_scored_ms - row.p10_scored_ms) / 1000;
  return {
    findings: row.findings,
    scored: row.scored,
    firstReceivedMs: row.first_received_ms,
    lastScoredMs: row.last_scored_ms,
    sustainedPerSecond: window > 0 ? (0.8 * row.scored) / window : NaN,
    latencyMs: { p50: row.p50, p90: row.p90, p99: row.p99, max: row.max },
  };
}
