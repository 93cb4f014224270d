import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCvss } from '@sieve/domain';
import { scoreRisk, type RiskInput } from './risk-score.js';
import { POLICY_V1, POLICY_V2 } from './scoring-policy.js';

const log4shellKev = { vulnerabilityId: 'CVE-2021-44228', dateAdded: '2021-12-10', knownRansomwareUse: false };

/** CVSS 10.0 in an internal service with no sensitive data, whose package a sensor never saw loaded. */
const unreachableCritical: RiskInput = {
  severity: 'critical',
  cvss: parseCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H'),
  exposure: 'internal',
  exposureSource: 'catalog:catalog-info.yaml#Component:ledger',
  dataClasses: [],
  criticality: null,
  kev: null,
  reachability: 'unreachable',
  reachabilitySource: 'runtime:ledger.json',
  reachabilityReason: 'package not loaded at runtime',
};

/** CVSS 6.5 in an internet-facing service that handles PCI data, whose package is loaded. */
const reachablePaymentFlaw: RiskInput = {
  severity: 'medium',
  cvss: parseCvss('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N'),
  exposure: 'internet',
  exposureSource: 'k8s:deploy.yaml#Ingress/payments',
  dataClasses: ['pci'],
  criticality: null,
  kev: null,
  reachability: 'reachable',
  reachabilitySource: 'runtime:payments.json',
  reachabilityReason: 'package loaded at runtime',
};

function v2(input: RiskInput) {
  return scoreRisk(input, POLICY_V2);
}

function pointsOf(input: RiskInput, factor: string): number | undefined {
  return v2(input).factors.find((candidate) => candidate.name === factor)?.points;
}

describe('scoreRisk v2 ranking example', () => {
  const critical = v2(unreachableCritical);
  const payment = v2(reachablePaymentFlaw);
  const paymentInKev = v2({ ...reachablePaymentFlaw, kev: log4shellKev });
  const paymentInKevInternal = v2({ ...reachablePaymentFlaw, kev: log4shellKev, exposure: 'internal' });

  it('ranks the reachable PCI flaw first', () => {
    assert.equal(reachablePaymentFlaw.cvss?.baseScore, 6.5);
    assert.equal(unreachableCritical.cvss?.baseScore, 10);
    assert.ok(payment.score > critical.score, `${payment.score} should exceed ${critical.score}`);
  });

  it('explains the demoted CVSS 10', () => {
    assert.equal(critical.score, 25);
    assert.deepEqual(critical.reasons, ['CVSS 3.1 base score 10 (critical)', 'internal only', 'package not loaded at runtime']);
  });

  it('explains the reachable PCI flaw', () => {
    assert.equal(payment.score, 57.5);
    assert.deepEqual(payment.reasons, ['CVSS 3.1 base score 6.5 (medium)', 'internet-facing', 'package loaded at runtime', 'service handles PCI data']);
  });

  it('moves up when listed in KEV', () => {
    assert.ok(paymentInKev.score > payment.score);
    assert.equal(paymentInKev.priority, 'P1');
    assert.ok(paymentInKev.reasons.includes('in CISA KEV since 2021-12-10'));
  });

  it('moves down without exposure', () => {
    assert.ok(paymentInKevInternal.score < paymentInKev.score);
    assert.ok(paymentInKevInternal.reasons.includes('internal only'));
    assert.ok(!paymentInKevInternal.reasons.includes('internet-facing'));
  });

  it('names the policy version', () => {
    assert.equal(payment.policyVersion, 'sieve-default-2');
  });
});

describe('scoreRisk v2 factors', () => {
  const cases: Array<[string, RiskInput]> = [
    ['seed critical', unreachableCritical],
    ['seed payment', reachablePaymentFlaw],
    ['everything', { ...reachablePaymentFlaw, kev: log4shellKev, epss: { probability: 0.5, percentile: 0.9 }, blastRadius: 4, criticality: 'high' }],
  ];
  for (const [name, input] of cases) {
    it(`sum to the score: ${name}`, () => {
      const result = v2(input);
      const sum = result.factors.reduce((total, factor) => total + factor.points, 0);
      assert.equal(result.score, Math.min(100, Math.round(sum * 10) / 10));
    });
  }

  it('always include reachability', () => {
    const result = v2({ ...reachablePaymentFlaw, reachability: undefined });
    assert.deepEqual(
      result.factors.find((factor) => factor.name === 'reachability'),
      { name: 'reachability', value: 'unknown', points: 0, source: 'runtime:payments.json' },
    );
  });
});

describe('scoreRisk v2 reachability', () => {
  it('unknown scores as version 1', () => {
    const inputs: RiskInput[] = [
      { ...unreachableCritical, reachability: 'unknown' },
      { ...reachablePaymentFlaw, reachability: undefined, kev: { ...log4shellKev, knownRansomwareUse: true } },
      { ...reachablePaymentFlaw, reachability: 'unknown', cvss: null, severity: 'unknown', exposure: 'unknown', criticality: 'medium' },
    ];
    for (const input of inputs) {
      assert.equal(v2(input).score, scoreRisk(input, POLICY_V1).score);
    }
  });

  it('unknown gives no reason', () => {
    const result = v2({ ...unreachableCritical, reachability: 'unknown' });
    assert.ok(!result.reasons.includes('package not loaded at runtime'));
  });

  it('reachable adds points', () => {
    assert.equal(pointsOf(reachablePaymentFlaw, 'reachability'), POLICY_V2.reachablePoints);
  });

  it('unreachable halves the other points', () => {
    assert.equal(pointsOf(unreachableCritical, 'reachability'), -25);
  });

  it('unreachable never closes', () => {
    assert.ok(v2(unreachableCritical).score > 0);
  });

  it('unreachable keeps exploitation points', () => {
    const withEpss: RiskInput = { ...unreachableCritical, epss: { probability: 0.64, percentile: 0.99 } };
    assert.equal(pointsOf(withEpss, 'exploitation'), 20);
    assert.equal(v2(withEpss).score, v2(unreachableCritical).score + 20);
  });

  it('KEV outweighs the demotion', () => {
    const listed = v2({ ...unreachableCritical, kev: log4shellKev });
    const unknown = v2({ ...unreachableCritical, kev: log4shellKev, reachability: 'unknown' });
    assert.equal(listed.score, unknown.score);
    assert.ok(listed.reasons.includes('package not loaded at runtime, but known exploitation (CISA KEV) outweighs the demotion'));
  });

  it('uses a default reason', () => {
    const result = v2({ ...unreachableCritical, reachabilityReason: null });
    assert.ok(result.reasons.includes('vulnerable code is not reachable'));
  });
});

describe('scoreRisk v2 exploitation', () => {
  const base: RiskInput = { ...reachablePaymentFlaw, reachability: 'unknown' };

  it('scales EPSS by the square root', () => {
    assert.equal(pointsOf({ ...base, epss: { probability: 0.01, percentile: 0.8 } }, 'exploitation'), 2.5);
    assert.equal(pointsOf({ ...base, epss: { probability: 0.25, percentile: 0.95 } }, 'exploitation'), 12.5);
    assert.equal(pointsOf({ ...base, epss: { probability: 1, percentile: 1 } }, 'exploitation'), 25);
  });

  it('writes the EPSS reason', () => {
    const result = v2({ ...base, epss: { probability: 0.94, percentile: 0.973, scoreDate: '2025-06-01' } });
    assert.ok(result.reasons.includes('EPSS 0.94 (97th percentile)'));
    assert.equal(result.factors.find((factor) => factor.name === 'exploitation')?.source, 'epss:2025-06-01');
  });

  it('tells EPSS 0 from unscored', () => {
    const zero = v2({ ...base, epss: { probability: 0, percentile: 0.01 } });
    const unscored = v2({ ...base, epss: null });
    assert.ok(zero.reasons.includes('EPSS 0 (1st percentile)'));
    assert.equal(zero.factors.find((factor) => factor.name === 'exploitation')?.points, 0);
    assert.equal(unscored.factors.find((factor) => factor.name === 'exploitation'), undefined);
  });

  it('takes the strongest signal', () => {
    const result = v2({ ...base, kev: log4shellKev, epss: { probability: 0.97, percentile: 0.999 }, exploitHint: { source: 'grype' } });
    const exploitation = result.factors.find((factor) => factor.name === 'exploitation');
    assert.equal(exploitation?.points, POLICY_V2.kevPoints);
    assert.equal(exploitation?.source, 'cisa-kev');
    assert.equal(result.reasons.filter((reason) => reason.startsWith('in CISA KEV') || reason.startsWith('EPSS') || reason.startsWith('public exploit')).length, 3);
  });

  it('counts a public exploit', () => {
    const result = v2({ ...base, exploitHint: { source: 'grype:exploit-db' } });
    assert.equal(pointsOf({ ...base, exploitHint: { source: 'grype:exploit-db' } }, 'exploitation'), POLICY_V2.exploitHintPoints);
    assert.ok(result.reasons.includes('public exploit code is known'));
  });
});

describe('scoreRisk v2 blast radius', () => {
  it('adds a point per further asset', () => {
    assert.equal(pointsOf({ ...reachablePaymentFlaw, blastRadius: 3 }, 'blastRadius'), 2);
  });

  it('caps the points', () => {
    assert.equal(pointsOf({ ...reachablePaymentFlaw, blastRadius: 40 }, 'blastRadius'), POLICY_V2.maxBlastRadiusPoints);
  });

  it('says how many assets', () => {
    assert.ok(v2({ ...reachablePaymentFlaw, blastRadius: 3 }).reasons.includes('shared by 3 assets'));
  });

  it('ignores a single asset', () => {
    assert.equal(pointsOf({ ...reachablePaymentFlaw, blastRadius: 1 }, 'blastRadius'), undefined);
  });
});
