import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT, runSieve } from '@sieve/testing';

describe('sieve policy what-if', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'sieve-what-if-'));
  const db = join(scratch, 'db');

  before(() => {
    const run = runSieve(['run', join(REPO_ROOT, 'examples/estate'), '--db', db, '--quiet']);
    assert.equal(run.status, 0, run.stderr);
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('shows internet-facing findings moving to P1', () => {
    const policy = join(scratch, 'exposure-heavy.yaml');
    writeFileSync(policy, 'version: exposure-heavy-1\npriorities: { P1: 25, P2: 12, P3: 6, P4: 2 }\n');
    const run = runSieve(['policy', 'what-if', policy, '--db', db, '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { summary: { policyVersion: string; findings: number }; outcomes: Array<{ current: { priority: string }; proposed: { priority: string; reasons: string[] } }> };
    assert.equal(result.summary.policyVersion, 'exposure-heavy-1');
    assert.ok(result.summary.findings > 0);
    const promoted = result.outcomes.filter((o) => o.current.priority === 'P2' && o.proposed.priority === 'P1');
    assert.ok(promoted.length > 0);
    assert.ok(promoted.every((o) => o.proposed.reasons.includes('internet-facing')));
  });

  it('rejects a misspelt weight by name', () => {
    const policy = join(scratch, 'bad.yaml');
    writeFileSync(policy, 'version: bad-1\nweights:\n  exposure:\n    internett: 30\n');
    const run = runSieve(['policy', 'what-if', policy, '--db', db]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /internett/);
  });
});
