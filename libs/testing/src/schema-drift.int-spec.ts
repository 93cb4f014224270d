import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { ENTITIES, openDatabase } from '@sieve/persistence';
import { findSchemaDrift } from './schema-drift.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

describe('entities and migrations on PostgreSQL', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await db.drop();
  });

  it('registers an entity for every table', () => {
    assert.equal(db.dataSource.entityMetadatas.length, ENTITIES.length);
  });

  it('agree on tables, columns, types and nullability', async () => {
    const drift = await findSchemaDrift(db.dataSource, db.schema);
    assert.deepEqual(drift, [], `entities and migrations differ:\n${drift.join('\n')}`);
  });

  it('names the table and column of a difference', async () => {
    await db.dataSource.query(`ALTER TABLE findings ALTER COLUMN title DROP NOT NULL`);
    await db.dataSource.query(`ALTER TABLE evidences ALTER COLUMN severity TYPE varchar(20)`);
    await db.dataSource.query(`ALTER TABLE assets ADD COLUMN tier text`);
    await db.dataSource.query(`CREATE TABLE scan_notes (id uuid PRIMARY KEY)`);
    try {
      const drift = await findSchemaDrift(db.dataSource, db.schema);
      assert.ok(drift.includes('findings.title: entity NOT NULL, table nullable'), drift.join('\n'));
      assert.ok(drift.includes('evidences.severity: entity type text, table type character varying'), drift.join('\n'));
      assert.ok(drift.includes('assets.tier: the table has this column, but entity AssetEntity does not map it'), drift.join('\n'));
      assert.ok(drift.includes('table scan_notes: the migrations create it, but no entity maps it'), drift.join('\n'));
      assert.equal(drift.length, 4, drift.join('\n'));
    } finally {
      await db.dataSource.query(`DROP TABLE scan_notes`);
      await db.dataSource.query(`ALTER TABLE assets DROP COLUMN tier`);
      await db.dataSource.query(`ALTER TABLE evidences ALTER COLUMN severity TYPE text`);
      await db.dataSource.query(`ALTER TABLE findings ALTER COLUMN title SET NOT NULL`);
    }
  });
});

describe('entities and migrations on PGlite', () => {
  let dataSource: DataSource;
  before(async () => {
    dataSource = await openDatabase({ kind: 'embedded', dataDir: null });
  });
  after(async () => {
    await dataSource.destroy();
  });

  it('agree on tables, columns, types and nullability', async () => {
    const drift = await findSchemaDrift(dataSource, 'public');
    assert.deepEqual(drift, [], `entities and migrations differ:\n${drift.join('\n')}`);
  });
});
