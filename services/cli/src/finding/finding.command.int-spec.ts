import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runSieve, runSieveJson, samplePath } from '@sieve/testing';

interface Explanation {
  finding: { id: string; status: string };
  evidences: Array<{ id: string; tool_name: string; match_rule: string; match_version: number | null; matched_key: string; match_detail: { reason?: string } | null }>;
  splits: Array<{ evidence_id: string; to_finding_id: string; actor: string; reason: string }>;
}

function explain(id: string, db: string): Explanation {
  const run = runSieve(['finding', 'explain', id, '--db', db, '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Explanation;
}

describe('sieve finding explain and split', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'sieve-finding-'));
  const db = join(scratch, 'db');
  let mergedId = '';
  let snykEvidenceId = '';

  before(() => {
    const run = runSieveJson([
      samplePath('sarif', 'semgrep-oss-1.69.0_juice-shop_77-results.sarif'),
      samplePath('sarif', 'snyk-code_juice-shop_39-results.sarif'),
      '--asset', 'juice-shop', '--db', db,
    ]);
    assert.equal(run.status, 0, run.stderr);
    const ssrf = run.output.findings.find((finding) => finding.location.path === 'routes/profileImageUrlUpload.ts' && finding.evidence.length === 2);
    assert.ok(ssrf, 'expected the SSRF finding of Semgrep and Snyk Code');
    mergedId = ssrf.id;
    snykEvidenceId = ssrf.evidence.find((evidence: { tool: string }) => evidence.tool === 'SnykCode').id;
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('explains a correlation merge', () => {
    const explanation = explain(mergedId, db);
    const snyk = explanation.evidences.find((evidence) => evidence.id === snykEvidenceId);
    assert.equal(explanation.finding.id, mergedId);
    assert.equal(snyk?.match_rule, 'code-cwe-window');
    assert.equal(snyk?.match_version, 2);
    assert.match(snyk?.match_detail?.reason ?? '', /CWE-918/);
  });

  it('prints the rule as text', () => {
    const run = runSieve(['finding', 'explain', mergedId, '--db', db]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /joined by code-cwe-window \(version 2\)/);
  });

  it('splits an evidence into a new finding', () => {
    const run = runSieve(['finding', 'split', mergedId, '--evidence', snykEvidenceId, '--db', db, '--actor', 'alice', '--reason', 'reviewed apart']);
    assert.equal(run.status, 0, run.stderr);
    const newId = run.stdout.trim();
    const moved = explain(newId, db);
    assert.deepEqual(moved.evidences.map((evidence) => evidence.id), [snykEvidenceId]);
    assert.equal(moved.evidences[0]?.match_rule, 'split');
    assert.deepEqual(moved.splits.map((split) => [split.to_finding_id, split.actor, split.reason]), [[newId, 'alice', 'reviewed apart']]);
    assert.equal(explain(mergedId, db).evidences.length, 1);
  });

  it('rejects an unknown finding', () => {
    const run = runSieve(['finding', 'explain', '00000000-0000-7000-8000-000000000000', '--db', db]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /not found/);
  });

  it('rejects a missing evidence option', () => {
    const run = runSieve(['finding', 'split', mergedId, '--db', db]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--evidence/);
  });

  it('triages a false positive', () => {
    const run = runSieve(['finding', 'triage', mergedId, '--status', 'false_positive', '--reason', 'test fixture', '--actor', 'alice', '--db', db]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(explain(mergedId, db).finding.status, 'false_positive');
  });

  it('rejects risk acceptance without approver', () => {
    const run = runSieve(['finding', 'triage', mergedId, '--status', 'risk_accepted', '--expires', '2999-01-31', '--reason', 'waf', '--db', db]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /approver/);
  });

  it('accepts a risk until a date', () => {
    const run = runSieve(['finding', 'triage', mergedId, '--status', 'risk_accepted', '--expires', '2999-01-31', '--approver', 'carol', '--reason', 'waf', '--db', db]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(explain(mergedId, db).finding.status, 'risk_accepted');
  });

  it('rejects an invalid expiry date', () => {
    const run = runSieve(['finding', 'triage', mergedId, '--status', 'risk_accepted', '--expires', '2999-02-30', '--approver', 'carol', '--reason', 'waf', '--db', db]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--expires 2999-02-30 is not a day of the calendar/);
  });

  it('names the status and the past date it rejects', () => {
    const status = runSieve(['finding', 'triage', mergedId, '--status', 'fixed', '--reason', 'done', '--db', db]);
    assert.equal(status.status, 2);
    assert.match(status.stderr, /--status fixed is not a triage status/);

    const past = runSieve(['finding', 'triage', mergedId, '--status', 'risk_accepted', '--expires', '2020-01-01', '--approver', 'carol', '--reason', 'waf', '--db', db]);
    assert.notEqual(past.status, 0);
    assert.match(past.stderr, /expiry date 2020-01-01 has passed/);

    const approver = runSieve(['finding', 'triage', mergedId, '--status', 'false_positive', '--approver', 'carol', '--reason', 'test code', '--db', db]);
    assert.notEqual(approver.status, 0);
    assert.match(approver.stderr, /an approver is only for risk_accepted/);
  });

  it('edits a field by hand', () => {
    const run = runSieve(['finding', 'edit', mergedId, '--severity', 'low', '--reason', 'not reachable', '--db', db]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /severity/);
  });
});
