import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase } from '@sieve/persistence';

/** PostgreSQL server the integration tests use; the machine's own server by default. */
export function testDatabaseUrl(): string {
  return process.env['SIEVE_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface TestDatabase {
  dataSource: DataSource;
  schema: string;
  /** Closes the connections and drops the schema with everything in it. */
  drop(): Promise<void>;
}

/**
 * Opens a fresh schema on the real PostgreSQL server with every migration
 * applied. Each test file gets its own randomly named schema, so files can run
 * in parallel and leave nothing behind.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const schema = `sieve_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const dataSource = await openDatabase({ kind: 'postgres', url: testDatabaseUrl(), schema, poolSize: 4 });
  return {
    dataSource,
    schema,
    async drop() {
      await dataSource.destroy();
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl() });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
