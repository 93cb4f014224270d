import { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import { pglitePoolModule } from './embedded/pglite-pool.js';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';

export type DatabaseOptions =
  | { kind: 'embedded'; dataDir: string | null }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

/**
 * Opens the database and runs pending migrations. Embedded mode uses PGlite
 * (Postgres compiled to WebAssembly) in memory or in a folder; distributed
 * mode uses a PostgreSQL server. Both run the same migrations and queries.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const dataSource = options.kind === 'embedded' ? await embeddedDataSource(options.dataDir) : postgresDataSource(options);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

async function embeddedDataSource(dataDir: string | null): Promise<DataSource> {
  const db = dataDir === null ? await PGlite.create() : await PGlite.create({ dataDir });
  const dataSource = new DataSource({
    type: 'postgres',
    driver: pglitePoolModule(db),
    // PGlite ships no uuid-ossp; TypeORM would try to create it at start-up.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    entities: ENTITIES,
    logging: false,
  });
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    await destroy();
    await db.close();
  };
  return dataSource;
}

function postgresDataSource(options: { url: string; schema?: string; poolSize?: number }): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    poolSize: options.poolSize ?? 10,
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    entities: ENTITIES,
    logging: false,
    extra: options.schema ? { options: `-c search_path=${options.schema}` } : undefined,
  });
}
