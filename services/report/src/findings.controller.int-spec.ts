import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { ServiceContext } from '@sieve/platform';
import type { FindingIndex } from '@sieve/search';
import { EmbeddedPipeline } from '@sieve/stages';
import { silentLogger } from '@sieve/telemetry';
import { createTestDatabase, readSample, testDatabaseUrl, type TestDatabase } from '@sieve/testing';
import { FindingsController } from './findings.controller.js';

describe('FindingsController explanation on Postgres', () => {
  let db: TestDatabase;
  let controller: FindingsController;
  let mergedId = '';

  before(async () => {
    db = await createTestDatabase();
    const pipeline = await EmbeddedPipeline.start({ database: { kind: 'postgres', url: testDatabaseUrl(), schema: db.schema }, logger: silentLogger() });
    try {
      for (const file of ['semgrep-oss-1.69.0_juice-shop_77-results.sarif', 'snyk-code_juice-shop_39-results.sarif']) {
        await pipeline.submit({ bytes: readSample('sarif', file), asset: 'juice-shop', assetSource: 'submitter', sourceName: file });
        await pipeline.drain();
      }
    } finally {
      await pipeline.close();
    }
    const [row] = await db.dataSource.query(`SELECT finding_id FROM evidences WHERE match_rule = 'code-cwe-window' ORDER BY finding_id LIMIT 1`);
    mergedId = row.finding_id;
    // The explanation reads PostgreSQL only, so no search index is needed.
    controller = new FindingsController({ dataSource: db.dataSource } as ServiceContext, null as unknown as FindingIndex);
  });
  after(async () => {
    await db.drop();
  });

  it('names the rule of each evidence', async () => {
    const explanation = await controller.explain(mergedId);
    assert.equal(explanation.finding.id, mergedId);
    assert.ok(explanation.evidences.some((evidence) => evidence.match_rule === 'code-cwe-window' && evidence.match_version === 2));
  });

  it('rejects an id that is not a UUID', async () => {
    await assert.rejects(controller.explain('nope'), BadRequestException);
  });

  it('returns 404 for an unknown finding', async () => {
    await assert.rejects(controller.explain('00000000-0000-7000-8000-000000000000'), NotFoundException);
  });
});
