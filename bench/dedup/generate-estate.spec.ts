import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { parseEstate } from './estate-sightings.js';
import { generateEstate } from './generate-estate.js';
import type { CodeFlaw, PackageFlaw } from './estate-model.js';

const SMALL = { seed: 7, assets: 3 };

function digest(estate: ReturnType<typeof generateEstate>): string {
  const hash = createHash('sha256');
  for (const report of estate.reports) hash.update(report.name).update(report.bytes).update(report.labels.join(','));
  return hash.digest('hex');
}

describe('generateEstate', () => {
  it('repeats for one seed', () => {
    assert.equal(digest(generateEstate(SMALL)), digest(generateEstate(SMALL)));
  });

  it('differs for another seed', () => {
    assert.notEqual(digest(generateEstate(SMALL)), digest(generateEstate({ ...SMALL, seed: 8 })));
  });

  it('labels every parsed finding', () => {
    const parsed = parseEstate(generateEstate(SMALL));
    assert.deepEqual(parsed.mismatches, []);
  });

  it('renders a Debian epoch for Grype only', () => {
    const flaws = generateEstate(SMALL).flaws.filter((flaw): flaw is PackageFlaw => flaw.kind === 'package');
    assert.ok(flaws.some((flaw) => flaw.epoch !== null && flaw.tools.includes('grype') && flaw.tools.includes('trivy')));
  });

  it('renders another weakness on one line', () => {
    const code = generateEstate(SMALL).flaws.filter((flaw): flaw is CodeFlaw => flaw.kind === 'code');
    const sameLine = code.filter((a) => code.some((b) => a !== b && a.path === b.path && a.asset === b.asset && a.line === b.line && a.weakness !== b.weakness));
    assert.ok(sameLine.length > 0);
  });

  it('shifts code lines only', () => {
    const before = generateEstate(SMALL);
    const after = generateEstate(SMALL, (_path, line) => line + 5);
    const changed = before.reports.filter((report, index) => !report.bytes.equals(after.reports[index]!.bytes)).map((report) => report.name.split('/')[1]);
    assert.deepEqual([...new Set(changed)].sort(), ['bandit.json', 'codeql.sarif', 'semgrep.json', 'semgrep.sarif', 'snyk-code.sarif']);
  });
});
