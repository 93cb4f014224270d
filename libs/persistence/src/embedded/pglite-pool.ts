import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';

interface PgStyleResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: Array<{ name: string; dataTypeID: number }>;
}

type QueryCallback = (error: Error | null, result: PgStyleResult | null) => void;

/**
 * The subset of node-postgres that TypeORM's Postgres driver calls, served by
 * one PGlite instance. PGlite has a single session, so the pool hands out one
 * client at a time: a transaction started by one query runner cannot
 * interleave with another's, which would otherwise share (and corrupt) the
 * session's transaction state.
 */
export function pglitePoolModule(db: PGlite): { Pool: new () => EventEmitter } {
  let queue: Promise<void> = Promise.resolve();

  class PGliteClient extends EventEmitter {
    query(sql: string, paramsOrCallback?: unknown[] | QueryCallback, maybeCallback?: QueryCallback): Promise<PgStyleResult> {
      const callback = typeof paramsOrCallback === 'function' ? paramsOrCallback : maybeCallback;
      const params = Array.isArray(paramsOrCallback) ? paramsOrCallback : undefined;
      const pending = runQuery(db, sql, params);
      if (callback) {
        pending.then(
          (result) => callback(null, result),
          (error: Error) => callback(error, null),
        );
      }
      return pending;
    }
  }

  class PGlitePool extends EventEmitter {
    connect(callback: (error: Error | null, client: PGliteClient | null, release: () => void) => void): void {
      const previous = queue;
      let release!: () => void;
      queue = new Promise<void>((resolve) => {
        release = resolve;
      });
      previous.then(
        () => callback(null, new PGliteClient(), once(release)),
        (error: Error) => callback(error, null, once(release)),
      );
    }

    end(callback?: (error: Error | null) => void): void {
      callback?.(null);
    }
  }

  return { Pool: PGlitePool };
}

function once(fn: () => void): () => void {
  let called = false;
  return () => {
    if (!called) {
      called = true;
      fn();
    }
  };
}

async function runQuery(db: PGlite, sql: string, params: unknown[] | undefined): Promise<PgStyleResult> {
  if (params !== undefined && params.length > 0) {
    const result = await db.query(sql, params);
    return toPgResult(sql, result.rows, result.affectedRows, result.fields);
  }
  const results = await db.exec(sql);
  const last = results[results.length - 1];
  return toPgResult(sql, last?.rows ?? [], last?.affectedRows, last?.fields ?? []);
}

function toPgResult(
  sql: string,
  rows: unknown[],
  affectedRows: number | undefined,
  fields: ReadonlyArray<{ name: string; dataTypeID: number }>,
): PgStyleResult {
  const command = (/^\s*(\w+)/.exec(sql)?.[1] ?? '').toUpperCase();
  return { rows, rowCount: affectedRows ?? rows.length, command, fields: [...fields] };
}
