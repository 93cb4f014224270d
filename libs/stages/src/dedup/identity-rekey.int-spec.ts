import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { IDENTITY_RULES_VERSION } from '@sieve/dedup';
import { silentLogger } from '@sieve/telemetry';
import { createTestDatabase, samplePath, testDatabaseUrl, type TestDatabase } from '@sieve/testing';
import { EmbeddedPipeline } from '../embedded-pipeline.js';
import type { FindingView } from '../report/finding-view.js';

// A database written under older identity rules is imitated by rewriting
// every stored key and sighting key, so no new sighting can meet them. Opening
// the pipeline must re-key the findings rather than create them again.

const REPORTS = [
  ['sarif', 'semgrep-oss-1.69.0_juice-shop_77-results.sarif'],
  ['trivy-json', 'trivy_image_juice-shop-v12.10.2_os-node-secrets.json'],
] as const;

describe('re-keying after an identity rules change', () => {
  let db: TestDatabase;
  let before_: FindingView[];
  const open = () =>
    EmbeddedPipeline.start({ database: { kind: 'postgres', url: testDatabaseUrl(), schema: db.schema }, logger: silentLogger() });

  before(async () => {
    db = await createTestDatabase();
    const pipeline = await open();
    try {
      for (const [folder, file] of REPORTS) {
        await pipeline.submit({ bytes: readFileSync(samplePath(folder, file)), asset: 'juice-shop', assetSource: 'submitter', sourceName: file });
        await pipeline.drain();
      }
      before_ = await pipeline.queue();
      await pipeline.dataSource.query(`UPDATE finding_keys SET key = 'old|' || key, rule_version = $1`, [IDENTITY_RULES_VERSION - 1]);
      await pipeline.dataSource.query(`UPDATE evidences SET sighting_key = 'old|' || sighting_key`);
    } finally {
      await pipeline.close();
    }
  });

  after(async () => {
    await db?.drop();
  });

  it('keeps every finding and its ids through a rescan', async () => {
    const pipeline = await open();
    try {
      const stale = await pipeline.dataSource.query(`SELECT count(*)::int AS n FROM finding_keys WHERE rule_version < $1 OR key LIKE 'old|%'`, [IDENTITY_RULES_VERSION]);
      assert.equal(stale[0].n, 0);

      for (const [folder, file] of REPORTS) {
        // Other bytes with the same content, so ingest takes it as a new scan.
        const rescan = Buffer.from(`${JSON.stringify(JSON.parse(readFileSync(samplePath(folder, file), 'utf8')), null, 1)}\n`);
        await pipeline.submit({ bytes: rescan, asset: 'juice-shop', assetSource: 'submitter', sourceName: `rescan-${file}` });
        await pipeline.drain();
      }
      const after_ = await pipeline.queue();

      assert.ok(before_.length > 100);
      assert.deepEqual(after_.map((finding) => finding.id).sort(), before_.map((finding) => finding.id).sort());
      assert.deepEqual(
        after_.filter((finding) => finding.status !== 'open').map((finding) => `${finding.id} ${finding.status}`),
        before_.filter((finding) => finding.status !== 'open').map((finding) => `${finding.id} ${finding.status}`),
      );
    } finally {
      await pipeline.close();
    }
  });
});
