import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseCvss } from '@sieve/domain';
import type { RiskInput } from './risk-input.model.js';
import { scoreRisk } from './risk-score.js';
import { POLICY_V3 } from './scoring-policy.js';

const VECTORS = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N',
  'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N',
  'CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L',
];

const KEV = { vulnerabilityId: 'CVE-2099-0001', dateAdded: '2026-11-20', knownRansomwareUse: false };

const base: RiskInput = {
  severity: 'high',
  cvss: parseCvss(VECTORS[2]!, 'nvd'),
  exposure: 'internet',
  exposureSource: 'catalog:catalog-info.yaml',
  dataClasses: [],
  criticality: null,
  kev: null,
  reachability: 'unknown',
};

const score = (input: Partial<RiskInput>) => scoreRisk({ ...base, ...input }, POLICY_V3);

const anyInput = fc.record({
  severity: fc.constantFrom('critical', 'high', 'medium', 'low', 'info', 'unknown'),
  cvss: fc.option(fc.constantFrom(...VECTORS).map((vector) => parseCvss(vector, 'nvd'))),
  exposure: fc.constantFrom('internet', 'partner', 'internal', 'unknown'),
  exposureSource: fc.constant('k8s:deploy.yaml'),
  dataClasses: fc.subarray(['pci', 'phi', 'pii', 'credentials', 'none']),
  criticality: fc.constantFrom(null, 'high', 'medium', 'low'),
  kev: fc.option(fc.record({ vulnerabilityId: fc.constant('CVE-2099-0002'), dateAdded: fc.constant('2026-01-02'), knownRansomwareUse: fc.boolean() })),
  epss: fc.option(fc.record({ probability: fc.double({ min: 0, max: 1, noNaN: true }), percentile: fc.double({ min: 0, max: 1, noNaN: true }) })),
  exploitHint: fc.option(fc.constant({ source: 'snyk:Mature' })),
  reachability: fc.constantFrom('reachable', 'unreachable', 'unknown'),
  blastRadius: fc.option(fc.integer({ min: 1, max: 40 })),
}) as fc.Arbitrary<RiskInput>;

const exploitedExposedReachable = (input: RiskInput) => input.kev !== null && input.exposure === 'internet' && input.reachability !== 'unreachable';

describe('scoreRisk with policy version 3', () => {
  it('ranks every exploited, internet-facing, not unreachable finding above every other one', () => {
    fc.assert(
      fc.property(anyInput, anyInput, (first, second) => {
        fc.pre(exploitedExposedReachable(first) && !exploitedExposedReachable(second));
        const top = scoreRisk(first, POLICY_V3);
        const other = scoreRisk(second, POLICY_V3);
        assert.ok(top.score > other.score, `${top.score} <= ${other.score}`);
        assert.equal(top.priority, 'P1');
        assert.notEqual(other.priority, 'P1');
      }),
      { numRuns: 2000 },
    );
  });

  it('multiplies the factors into the score', () => {
    const result = score({ dataClasses: ['pci'], criticality: 'high', reachability: 'reachable', kev: KEV });
    const points = new Map(result.factors.map((factor) => [factor.name, factor.points]));
    assert.deepEqual([...points.keys()], ['exploitation', 'exposure', 'reachability', 'impact', 'intrinsic', 'data', 'criticality']);
    assert.equal(points.get('impact'), 0.876);
    assert.equal(result.score, Math.round(1000 * points.get('exploitation')! * points.get('exposure')! * points.get('reachability')! * points.get('impact')!) / 10);
    assert.equal(result.policyVersion, 'sieve-default-3');
  });

  it('orders findings of one likelihood by CVSS', () => {
    const critical = score({ cvss: parseCvss(VECTORS[0]!, 'nvd') });
    const low = score({ cvss: parseCvss(VECTORS[4]!, 'nvd') });
    assert.ok(critical.score > low.score);
  });

  it('never lowers a score for unknown reachability', () => {
    assert.equal(score({ reachability: 'unknown' }).score, score({ reachability: 'reachable' }).score);
    assert.ok(score({ reachability: 'unreachable' }).score < score({ reachability: 'unknown' }).score);
  });

  it('keeps an unreachable KEV finding above an unexploited reachable one', () => {
    const exploited = score({ kev: KEV, reachability: 'unreachable', reachabilityReason: 'package not loaded at runtime' });
    assert.ok(exploited.score > score({ reachability: 'reachable' }).score);
    assert.ok(exploited.reasons.includes('package not loaded at runtime'));
    assert.ok(exploited.score < score({ kev: KEV, reachability: 'reachable' }).score);
  });

  it('tells an EPSS score of 0 from a CVE never scored', () => {
    const zero = score({ epss: { probability: 0, percentile: 0.01, scoreDate: '2026-12-01' } });
    const never = score({ epss: null });
    assert.equal(zero.score, never.score);
    assert.ok(zero.reasons.some((reason) => reason.startsWith('EPSS 0')));
    assert.ok(!never.reasons.some((reason) => reason.startsWith('EPSS')));
  });

  it('raises exploitation with the EPSS probability', () => {
    const likely = score({ epss: { probability: 0.9, percentile: 0.99, scoreDate: '2026-12-01' } });
    const unlikely = score({ epss: { probability: 0.01, percentile: 0.5, scoreDate: '2026-12-01' } });
    assert.ok(likely.score > unlikely.score);
    assert.equal(likely.factors[0]?.source, 'epss:2026-12-01');
  });

  it('explains the impact parts with reasons', () => {
    const result = score({ dataClasses: ['pii', 'none'], criticality: 'medium', blastRadius: 4 });
    assert.deepEqual(result.reasons, ['CVSS 3.1 base score 6.5 (medium)', 'internet-facing', 'service handles PII data', 'medium business criticality', 'shared by 4 assets']);
  });
});
