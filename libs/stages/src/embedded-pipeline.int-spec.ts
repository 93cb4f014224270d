import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '@sieve/telemetry';
import { createTestDatabase, samplePath, testDatabaseUrl, type TestDatabase } from '@sieve/testing';
import { EmbeddedPipeline } from './embedded-pipeline.js';
import type { FindingView } from './report/finding-view.js';

const REPORTS = [
  ['trivy-json', 'trivy_image_juice-shop-v12.10.2_os-node-secrets.json'],
  ['sarif', 'semgrep-oss-1.69.0_juice-shop_77-results.sarif'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
] as const;

async function runOn(pipeline: EmbeddedPipeline): Promise<FindingView[]> {
  try {
    for (const [folder, file] of REPORTS) {
      await pipeline.submit({ bytes: readFileSync(samplePath(folder, file)), asset: 'juice-shop', assetSource: 'submitter', sourceName: file });
      await pipeline.drain();
    }
    return await pipeline.queue();
  } finally {
    await pipeline.close();
  }
}

function comparable(findings: FindingView[]) {
  return findings
    .map((f) => ({ key: f.identityKey, score: f.score, severity: f.severity, status: f.status, tools: f.evidence.map((e) => e.tool).sort() }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

describe('EmbeddedPipeline on PGlite and PostgreSQL', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await db.drop();
  });

  it('gives the same queue on both databases', async () => {
    const embedded = await runOn(await EmbeddedPipeline.start({ database: { kind: 'embedded', dataDir: null }, logger: silentLogger() }));
    const server = await runOn(await EmbeddedPipeline.start({ database: { kind: 'postgres', url: testDatabaseUrl(), schema: db.schema }, logger: silentLogger() }));
    assert.ok(embedded.length > 100, `expected a large queue, got ${embedded.length}`);
    assert.deepEqual(comparable(server), comparable(embedded));
  });
});
