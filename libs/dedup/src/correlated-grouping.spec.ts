import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NormalizedFinding } from '@sieve/contracts';
import { groupWithCorrelation } from './correlated-grouping.js';
import { normalizedFinding } from './finding.fixture.js';
import { identityOf } from './identity-keys.js';

const access = { keysOf: (event: NormalizedFinding) => identityOf(event).keys.map((key) => key.key), eventOf: (event: NormalizedFinding) => event };

function sizes(groups: unknown[][]): number[] {
  return groups.map((group) => group.length);
}

describe('groupWithCorrelation', () => {
  it('joins two tools by correlation', () => {
    const semgrep = normalizedFinding({ tool: 'semgrep', ruleId: 'node-ssrf', cwes: ['CWE-918'], location: { startLine: 20, snippetHash: 'a' } });
    const snyk = normalizedFinding({ tool: 'SnykCode', ruleId: 'javascript/Ssrf', cwes: ['CWE-918'], fingerprint: 'x', location: { startLine: 22 } });
    const { groups, links } = groupWithCorrelation([semgrep, snyk], access);
    assert.deepEqual(sizes(groups), [2]);
    assert.equal(links[0]?.rule, 'code-cwe-window');
  });

  it('joins the nearer of two same-tool findings', () => {
    const first = normalizedFinding({ tool: 'semgrep', ruleId: 'node-ssrf', cwes: ['CWE-918'], location: { startLine: 18, snippetHash: 'a' } });
    const second = normalizedFinding({ tool: 'semgrep', ruleId: 'node-ssrf', cwes: ['CWE-918'], location: { startLine: 20, snippetHash: 'b' } });
    const snyk = normalizedFinding({ tool: 'SnykCode', ruleId: 'javascript/Ssrf', cwes: ['CWE-918'], fingerprint: 'x', location: { startLine: 22 } });
    const { groups } = groupWithCorrelation([first, second, snyk], access);
    assert.deepEqual(groups.map((group) => group.map((event) => event.finding.location.startLine)), [[18], [20, 22]]);
  });

  it('merges exact keys before correlation', () => {
    const a = normalizedFinding({ tool: 'semgrep', location: { snippetHash: 'a' } });
    const b = normalizedFinding({ tool: 'semgrep', location: { snippetHash: 'a', startLine: 30 } });
    assert.deepEqual(sizes(groupWithCorrelation([a, b], access).groups), [2]);
  });

  it('keeps uncorrelated findings apart', () => {
    const a = normalizedFinding({ tool: 'semgrep', ruleId: 'node-xpath-injection', cwes: ['CWE-643'], location: { snippetHash: 'a' } });
    const b = normalizedFinding({ tool: 'SnykCode', ruleId: 'javascript/XSS', cwes: ['CWE-79'], fingerprint: 'f', location: { startLine: 13 } });
    assert.deepEqual(sizes(groupWithCorrelation([a, b], access).groups), [1, 1]);
  });
});

describe('groupWithCorrelation on packages', () => {
  const pkg = (version: string | null) => ({ purl: version === null ? 'pkg:npm/lodash' : `pkg:npm/lodash@${version}`, ecosystem: 'npm', name: 'lodash', version, fixedVersions: [] });

  it('joins a versionless npm audit finding', () => {
    const npm = normalizedFinding({ tool: 'npm-audit', category: 'sca', package: pkg(null), vulnerabilityIds: ['GHSA-p6mc-m468-83gw'] });
    const grype = normalizedFinding({ tool: 'grype', category: 'sca', package: pkg('4.17.15'), vulnerabilityIds: ['GHSA-p6mc-m468-83gw', 'CVE-2020-8203'] });
    assert.deepEqual(sizes(groupWithCorrelation([npm, grype], access).groups), [2]);
  });

  it('joins one of two installed versions only', () => {
    const npm = normalizedFinding({ tool: 'npm-audit', category: 'sca', package: pkg(null), vulnerabilityIds: ['CVE-2020-8203'] });
    const old = normalizedFinding({ tool: 'trivy', category: 'sca', package: pkg('4.17.15'), vulnerabilityIds: ['CVE-2020-8203'] });
    const other = normalizedFinding({ tool: 'trivy', category: 'sca', package: pkg('4.17.11'), vulnerabilityIds: ['CVE-2020-8203'] });
    assert.deepEqual(sizes(groupWithCorrelation([npm, old, other], access).groups), [2, 1]);
  });
});

describe('groupWithCorrelation with stored findings', () => {
  type Item = { event: NormalizedFinding; owner: string | null; separated: string[] };
  const storedAccess = {
    keysOf: (item: Item) => [...identityOf(item.event).keys.map((key) => key.key), ...(item.owner === null ? [] : [`finding:${item.owner}`])],
    eventOf: (item: Item) => item.event,
    ownerOf: (item: Item) => item.owner,
    separatedFrom: (item: Item) => item.separated,
  };
  const ssrf = (tool: string, startLine: number, snippetHash: string | null, fingerprint: string | null = null) =>
    normalizedFinding({ tool, ruleId: tool === 'semgrep' ? 'node-ssrf' : 'javascript/Ssrf', cwes: ['CWE-918'], fingerprint, location: { startLine, snippetHash } });

  it('joins a new sighting to a stored finding', () => {
    const stored: Item = { event: ssrf('semgrep', 20, 'a'), owner: 'F1', separated: [] };
    const incoming: Item = { event: ssrf('SnykCode', 22, null, 'x'), owner: null, separated: [] };
    assert.deepEqual(sizes(groupWithCorrelation([stored, incoming], storedAccess).groups), [2]);
  });

  it('never joins two stored findings', () => {
    const first: Item = { event: ssrf('semgrep', 20, 'a'), owner: 'F1', separated: [] };
    const second: Item = { event: ssrf('SnykCode', 22, null, 'x'), owner: 'F2', separated: [] };
    assert.deepEqual(sizes(groupWithCorrelation([first, second], storedAccess).groups), [1, 1]);
  });

  it('keeps a split sighting off its old finding', () => {
    const stored: Item = { event: ssrf('semgrep', 20, 'a'), owner: 'F1', separated: [] };
    const split: Item = { event: ssrf('SnykCode', 22, null, 'x'), owner: null, separated: ['F1'] };
    assert.deepEqual(sizes(groupWithCorrelation([stored, split], storedAccess).groups), [1, 1]);
  });

  it('keeps a split off its old finding through a third tool', () => {
    const stored: Item = { event: ssrf('semgrep', 20, 'a'), owner: 'F1', separated: [] };
    const split: Item = { event: ssrf('SnykCode', 22, null, 'x'), owner: 'F2', separated: ['F1'] };
    const third: Item = { event: ssrf('codeql', 21, null, 'y'), owner: null, separated: [] };
    const { groups } = groupWithCorrelation([stored, split, third], storedAccess);
    assert.equal(groups.length, 2);
    assert.ok(groups.every((group) => !(group.includes(stored) && group.includes(split))));
  });
});
