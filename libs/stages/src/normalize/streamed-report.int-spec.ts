import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { redactionMarker } from '@sieve/domain';
import { createLogger } from '@sieve/telemetry';
import { createTestDatabase, readSample, sampleFiles, testDatabaseUrl, type TestDatabase } from '@sieve/testing';
import { EmbeddedPipeline } from '../embedded-pipeline.js';
import { CHUNK_BYTES } from '../ingest/report-content.js';
import type { FindingView } from '../report/finding-view.js';

// Three invented keys, each committed in many files, as a leaked key often is.
const SECRETS = ['sk_sieve_invented_9f8e7d6c5b4a3f2e1d0c', 'ghp_sieveInventedToken0123456789abcdefXYZ', 'AKIASIEVEINVENTED7Q2'];
const RESULTS = 6000;

/**
 * Builds a Gitleaks SARIF log of several megabytes. One secret is moved to straddle
 * the first CHUNK_BYTES boundary, where the stored copy is split into gzip
 * members and where the redaction has to look across two pieces.
 */
function largeSecretLog(): string {
  const result = (index: number, padding: string) => ({
    ruleId: 'generic-api-key',
    message: { text: `generic-api-key has detected a secret in file src/module-${index}.py${padding}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: `src/module-${index}.py` }, region: { startLine: 10 + (index % 50), snippet: { text: SECRETS[index % SECRETS.length] } } } }],
    partialFingerprints: { commitSha: 'a1b2c3d', email: 'dev@example.com', author: 'dev', date: '2026-11-30T10:00:00Z', commitMessage: 'add module' },
    properties: { filler: 'x'.repeat(2800) },
  });
  const build = (padding: string) =>
    JSON.stringify({
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'gitleaks', semanticVersion: '8.18.0', rules: [{ id: 'generic-api-key' }] } }, results: Array.from({ length: RESULTS }, (_, i) => result(i, i === 0 ? padding : '')) }],
    });
  const target = CHUNK_BYTES - 6;
  const plain = build('');
  let before = -1;
  for (const secret of SECRETS) {
    for (let at = plain.indexOf(secret); at >= 0 && at <= target; at = plain.indexOf(secret, at + 1)) before = Math.max(before, at);
  }
  return build(' '.repeat(target - before));
}

/** Builds a Trivy image report of several megabytes, fields in Trivy's own order, so its records are read in place. */
function largeTrivyReport(): string {
  const vulnerability = (index: number) => ({
    VulnerabilityID: `CVE-2026-${String(10000 + index)}`,
    PkgName: `lib-${index % 300}`,
    PkgIdentifier: { PURL: `pkg:deb/debian/lib-${index % 300}@1.${index % 300}.0?arch=amd64&distro=debian-12` },
    InstalledVersion: `1.${index % 300}.0`,
    FixedVersion: `1.${index % 300}.1`,
    Severity: ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'][index % 4],
    Title: `lib-${index % 300}: flaw number ${index}`,
    Description: 'd'.repeat(2800),
  });
  return JSON.stringify({
    SchemaVersion: 2,
    Trivy: { Version: '0.58.1' },
    ArtifactName: 'registry.example.com/payments-api:1.4.2',
    ArtifactType: 'container_image',
    Metadata: { OS: { Family: 'debian', Name: '12.8' } },
    Results: [{ Target: 'registry.example.com/payments-api:1.4.2 (debian 12.8)', Class: 'os-pkgs', Type: 'debian', Vulnerabilities: Array.from({ length: RESULTS }, (_, i) => vulnerability(i)) }],
  });
}

// Ids, times and ranks differ between two databases; everything else must match.
function comparable(finding: FindingView): Record<string, unknown> {
  const kept: Record<string, unknown> = { ...finding, evidence: finding.evidence.map((evidence) => ({ ...evidence, id: null, reportId: null })) };
  for (const key of ['id', 'rank', 'firstSeen', 'lastSeen']) delete kept[key];
  return kept;
}

async function startPipeline(db: TestDatabase, streamReportsAbove: number | undefined, logLines: string[] = []) {
  const logger = createLogger({ service: 'streamed-report', level: 'info', destination: { write: (line: string) => void logLines.push(line) } });
  return EmbeddedPipeline.start({ database: { kind: 'postgres', url: testDatabaseUrl(), schema: db.schema }, logger, now: () => new Date('2026-12-01T00:00:00Z'), streamReportsAbove });
}

describe('normalize reading a report as a stream', () => {
  const databases: TestDatabase[] = [];
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sieve-streamed-'));
  });

  after(async () => {
    rmSync(folder, { recursive: true, force: true });
    for (const db of databases) await db.drop();
  });

  async function database(): Promise<TestDatabase> {
    const db = await createTestDatabase();
    databases.push(db);
    return db;
  }

  it('matches a whole read on samples', async () => {
    const runs: Array<{ queue: unknown[]; outcomes: unknown[] }> = [];
    for (const streamAbove of [undefined, 0]) {
      const pipeline = await startPipeline(await database(), streamAbove);
      const outcomes: unknown[] = [];
      try {
        for (const sampleFolder of ['sarif', 'trivy-json']) {
          for (const file of sampleFiles(sampleFolder)) {
            const submitted = await pipeline.submit({ bytes: readSample(sampleFolder, file), asset: 'samples', assetSource: 'folder', scope: `${sampleFolder}/${file}`, sourceName: file });
            await pipeline.drain();
            outcomes.push({ ...(await pipeline.report(submitted.reportId))!, id: null });
          }
        }
        runs.push({ queue: (await pipeline.queue()).map(comparable), outcomes });
      } finally {
        await pipeline.close();
      }
    }
    const [whole, streamed] = runs as [{ queue: unknown[]; outcomes: unknown[] }, { queue: unknown[]; outcomes: unknown[] }];
    assert.ok(whole.queue.length > 1000, `only ${whole.queue.length} findings in the queue`);
    assert.deepEqual(streamed.outcomes, whole.outcomes);
    assert.deepEqual(streamed.queue, whole.queue);
  });

  it('stores and redacts a large report', async () => {
    const path = join(folder, 'gitleaks.sarif');
    const text = largeSecretLog();
    writeFileSync(path, text);
    const db = await database();
    const logLines: string[] = [];
    const pipeline = await startPipeline(db, 1024 * 1024, logLines);
    try {
      const submitted = await pipeline.submit({ path, asset: 'payments-api', assetSource: 'submitter', sourceName: 'gitleaks.sarif' });
      await pipeline.drain();

      const report = await pipeline.report(submitted.reportId);
      assert.equal(report?.status, 'parsed', JSON.stringify(report?.error));
      assert.equal(report?.finding_count, RESULTS);
      const queue = await pipeline.queue();
      assert.equal(queue.filter((finding) => finding.category === 'secret').length, RESULTS);
      assert.ok(logLines.some((line) => line.includes('"streamed":true') && line.includes('report parsed')), 'normalize did not stream the report');

      const members = await pipeline.dataSource.query<{ content_gzip: Buffer }[]>(
        `SELECT content_gzip FROM "${db.schema}".report_chunks WHERE report_id = $1 ORDER BY seq`,
        [submitted.reportId],
      );
      assert.ok(members.length >= 2, `the report is stored in ${members.length} member`);
      const stored = gunzipSync(Buffer.concat(members.map((member) => member.content_gzip))).toString('utf8');
      for (const secret of SECRETS) {
        assert.ok(!stored.includes(secret), `stored copy keeps ${secret}`);
        assert.ok(stored.includes(redactionMarker(secret)), `stored copy lacks the marker of ${secret}`);
      }
      assert.equal(stored.split('generic-api-key has detected').length - 1, RESULTS);
    } finally {
      await pipeline.close();
    }
  });

  it('keeps findings before a break', async () => {
    const text = largeTrivyReport();
    const path = join(folder, 'truncated.json');
    writeFileSync(path, text.slice(0, Math.floor(text.length * 0.75)));
    const pipeline = await startPipeline(await database(), 1024 * 1024);
    try {
      const complete = join(folder, 'complete.json');
      writeFileSync(complete, text);
      await pipeline.submit({ path: complete, asset: 'payments-api', assetSource: 'submitter', scope: 'repo' });
      await pipeline.drain();

      const submitted = await pipeline.submit({ path, asset: 'payments-api', assetSource: 'submitter', scope: 'repo' });
      await pipeline.drain();
      const report = await pipeline.report(submitted.reportId);
      assert.equal(report?.status, 'parsed');
      assert.equal(report?.complete, false);
      assert.ok(report!.finding_count! > RESULTS / 2, `kept ${report?.finding_count} findings`);
      assert.ok(report!.finding_count! < RESULTS, `kept ${report?.finding_count} findings`);
      const warning = report!.warnings.find((w) => w.message.startsWith(`report breaks after ${report!.finding_count} findings were read`));
      assert.ok(warning, JSON.stringify(report!.warnings));
      assert.match(warning.location ?? '', /byte \d+/);

      const queue = await pipeline.queue();
      assert.equal(queue.length, RESULTS);
      assert.ok(queue.every((finding) => finding.status === 'open'), 'a partial report closed findings');
    } finally {
      await pipeline.close();
    }
  });
});
