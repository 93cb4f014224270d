// Ceilings for the database writes. The run's own rows of the four tables
// that dedup, enrich and score write are inserted again into empty copies of
// those tables, with the same columns, indexes and constraints, in two ways:
// - multi-row INSERT ... SELECT FROM jsonb_populate_recordset through `pg`,
//   the statement shape the repositories use; `pg` has no COPY support of its
//   own and pg-copy-streams is not installed;
// - COPY FROM a file through psql's \copy, the PostgreSQL client on this machine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';

const TABLES = [
  { name: 'findings', key: 'id', keyType: 'uuid' },
  { name: 'evidences', key: 'id', keyType: 'uuid' },
  { name: 'finding_keys', key: 'key', keyType: 'text' },
  { name: 'finding_events', key: 'id', keyType: 'uuid' },
] as const;

export interface PostgresCeiling {
  rows: Record<string, number>;
  /** Seconds spent in the INSERT statements only, reads of the source rows left out. */
  insertSeconds: number;
  /** Wall seconds of the four psql \copy processes, process start-up included. */
  copySeconds: number;
}

async function insertCopy(dataSource: DataSource, table: string, key: string, keyType: string, batch: number): Promise<{ rows: number; seconds: number }> {
  const target = `bench_ceiling_${table}`;
  let rows = 0;
  let seconds = 0;
  let after: string | null = null;
  for (;;) {
    // Keyset paging on the primary key, so each page is an index range scan.
    const page: Array<{ key: string; doc: string }> = await dataSource.query(
      `SELECT ${key}::text AS key, row_to_json(t)::text AS doc FROM ${table} t
        WHERE $1::${keyType} IS NULL OR ${key} > $1::${keyType} ORDER BY ${key} LIMIT $2`,
      [after, batch],
    );
    if (page.length === 0) break;
    const started = performance.now();
    await dataSource.query(`INSERT INTO ${target} SELECT * FROM jsonb_populate_recordset(NULL::${target}, $1::jsonb)`, [
      `[${page.map((row) => row.doc).join(',')}]`,
    ]);
    seconds += (performance.now() - started) / 1000;
    rows += page.length;
    after = page[page.length - 1]!.key;
  }
  return { rows, seconds };
}

function psql(url: string, schema: string, command: string): number {
  const started = performance.now();
  const result = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc', command], {
    encoding: 'utf8',
    env: { ...process.env, PGOPTIONS: `-c search_path=${schema}` },
  });
  if (result.status !== 0) throw new Error(`psql ${command} failed: ${result.stderr}`);
  return (performance.now() - started) / 1000;
}

export async function measurePostgresCeiling(dataSource: DataSource, url: string, schema: string, batch: number): Promise<PostgresCeiling> {
  for (const { name } of TABLES) {
    await dataSource.query(`CREATE TABLE bench_ceiling_${name} (LIKE ${name} INCLUDING ALL)`);
  }
  const rows: Record<string, number> = {};
  let insertSeconds = 0;
  for (const { name, key, keyType } of TABLES) {
    const result = await insertCopy(dataSource, name, key, keyType, batch);
    rows[name] = result.rows;
    insertSeconds += result.seconds;
  }

  const folder = mkdtempSync(join(tmpdir(), 'sieve-bench-copy-'));
  let copySeconds = 0;
  try {
    for (const { name } of TABLES) {
      const file = join(folder, `${name}.tsv`);
      psql(url, schema, `\\copy ${name} TO '${file}'`);
      await dataSource.query(`TRUNCATE bench_ceiling_${name}`);
      copySeconds += psql(url, schema, `\\copy bench_ceiling_${name} FROM '${file}'`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
    for (const { name } of TABLES) {
      await dataSource.query(`DROP TABLE IF EXISTS bench_ceiling_${name}`);
    }
  }
  return { rows, insertSeconds, copySeconds };
}
