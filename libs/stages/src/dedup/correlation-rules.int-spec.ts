import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { emptyLocation } from '@sieve/domain';
import { codeFinding, normalizedEvents, seedReport, testStageContext, useDedupTestDatabase } from '../testing/stage-fixtures.js';
import { DedupHandler } from './dedup.handler.js';

const database = useDedupTestDatabase();

/** Deduplicates each finding as its own report, in order, so every later one meets the stored findings. */
async function dedupInTurn(asset: string, findings: ParsedFinding[]): Promise<void> {
  const dedup = new DedupHandler(testStageContext(database.db.dataSource));
  for (const finding of findings) await dedup.handle(normalizedEvents(await seedReport(database.repositories, asset), asset, [finding]));
}

async function groupsByTool(): Promise<string[][]> {
  const rows: Array<{ tools: string[] }> = await database.db.dataSource.query(
    `SELECT array_agg(tool_name ORDER BY tool_name) AS tools FROM evidences GROUP BY finding_id ORDER BY min(tool_name), count(*)`,
  );
  return rows.map((row) => row.tools);
}

function iacFinding(tool: string, ruleId: string, path: string, resourceName: string): ParsedFinding {
  return codeFinding({
    tool: { name: tool, version: null },
    category: 'iac',
    title: ruleId,
    ruleId,
    cwes: [],
    location: { ...emptyLocation(), path, startLine: 1, endLine: 12, resourceType: 'aws_s3_bucket', resourceName },
  });
}

function dastFinding(tool: string, url: string, parameter: string | null, cwes: string[]): ParsedFinding {
  return codeFinding({
    tool: { name: tool, version: null },
    category: 'dast',
    title: `${tool} issue`,
    ruleId: `${tool}-rule`,
    cwes,
    location: { ...emptyLocation(), url, method: 'GET', parameter },
  });
}

describe('DedupHandler correlation on Postgres', () => {
  it('merges Checkov, tfsec and KICS on one bucket control', async () => {
    await dedupInTurn('infra', [
      iacFinding('checkov', 'CKV_AWS_19', 'infra/main.tf', 'aws_s3_bucket.logs'),
      iacFinding('tfsec', 'aws-s3-enable-bucket-encryption', '/home/ci/infra/main.tf', 'aws_s3_bucket.logs'),
      iacFinding('kics', '6726dcc0-5ff5-459d-b473-a780bef7665c', 'infra/main.tf', 'aws_s3_bucket[logs]'),
    ]);
    assert.deepEqual(await groupsByTool(), [['checkov', 'kics', 'tfsec']]);
  });

  it('keeps another control on the same bucket apart', async () => {
    await dedupInTurn('infra', [iacFinding('checkov', 'CKV_AWS_19', 'main.tf', 'aws_s3_bucket.logs'), iacFinding('tfsec', 'aws-s3-enable-versioning', 'main.tf', 'aws_s3_bucket.logs')]);
    assert.deepEqual(await groupsByTool(), [['checkov'], ['tfsec']]);
  });

  it('merges two DAST tools on one templated endpoint', async () => {
    await dedupInTurn('shop', [
      dastFinding('zap', 'https://shop.example/api/Products/12?q=1', 'q', ['CWE-89']),
      dastFinding('burp', 'https://shop.example:443/api/Products/7', 'q', ['CWE-89']),
    ]);
    assert.deepEqual(await groupsByTool(), [['burp', 'zap']]);
  });

  it('keeps another DAST parameter apart', async () => {
    await dedupInTurn('shop', [dastFinding('zap', 'https://shop.example/api/Products/12', 'q', ['CWE-89']), dastFinding('burp', 'https://shop.example/api/Products/7', 'id', ['CWE-89'])]);
    assert.deepEqual(await groupsByTool(), [['burp'], ['zap']]);
  });

  it('keeps another weakness on the same line apart', async () => {
    await dedupInTurn('web', [codeFinding(), codeFinding({ tool: { name: 'codeql', version: null }, ruleId: 'js/xss', cwes: ['CWE-79'], fingerprint: 'f1', location: { ...codeFinding().location, snippetHash: null } })]);
    assert.deepEqual(await groupsByTool(), [['codeql'], ['semgrep']]);
  });

  it('merges the same CWE two lines apart across tools', async () => {
    const codeql = codeFinding({ tool: { name: 'codeql', version: null }, ruleId: 'js/sql-injection', fingerprint: 'f1', location: { ...codeFinding().location, startLine: 14, endLine: 14, snippetHash: null } });
    await dedupInTurn('web', [codeFinding(), codeql]);
    assert.deepEqual(await groupsByTool(), [['codeql', 'semgrep']]);
    const [joined] = await database.db.dataSource.query(`SELECT match_rule, match_version, match_detail FROM evidences WHERE tool_name = 'codeql'`);
    assert.equal(joined.match_rule, 'code-cwe-window');
    assert.equal(joined.match_version, 2);
    assert.equal(joined.match_detail.kind, 'correlation');
  });

  it('never joins two findings of one tool through correlation', async () => {
    await dedupInTurn('web', [codeFinding(), codeFinding({ location: { ...codeFinding().location, startLine: 13, endLine: 13, snippetHash: 'b'.repeat(64) } })]);
    assert.deepEqual(await groupsByTool(), [['semgrep'], ['semgrep']]);
  });
});
