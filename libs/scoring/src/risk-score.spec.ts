import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCvss } from '@sieve/domain';
import { scoreRisk, type RiskInput } from './risk-score.js';
import { POLICY_V1 } from './scoring-policy.js';

const internalCritical: RiskInput = {
  severity: 'critical',
  cvss: parseCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H'),
  exposure: 'internal',
  exposureSource: 'catalog:catalog-info.yaml',
  dataClasses: [],
  criticality: null,
  kev: null,
};

const exposedPaymentFlaw: RiskInput = {
  severity: 'medium',
  cvss: parseCvss('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N'),
  exposure: 'internet',
  exposureSource: 'catalog:catalog-info.yaml',
  dataClasses: ['pci'],
  criticality: null,
  kev: null,
};

describe('scoreRisk with policy version 1', () => {
  it('ranks an exposed PCI flaw above an internal CVSS 10', () => {
    assert.equal(exposedPaymentFlaw.cvss?.baseScore, 6.5);
    assert.ok(scoreRisk(exposedPaymentFlaw, POLICY_V1).score > scoreRisk(internalCritical, POLICY_V1).score);
  });

  it('adds KEV exploitation with its date', () => {
    const listed = scoreRisk({ ...exposedPaymentFlaw, kev: { vulnerabilityId: 'CVE-2021-44228', dateAdded: '2021-12-10', knownRansomwareUse: true } }, POLICY_V1);
    assert.ok(listed.score > scoreRisk(exposedPaymentFlaw, POLICY_V1).score);
    assert.ok(listed.reasons.includes('in CISA KEV since 2021-12-10, used in ransomware campaigns'));
  });

  it('explains every factor', () => {
    const result = scoreRisk(exposedPaymentFlaw, POLICY_V1);
    assert.deepEqual(result.factors.map((factor) => factor.name), ['intrinsic', 'exposure', 'data']);
    assert.ok(result.reasons.includes('internet-facing'));
    assert.ok(result.reasons.includes('service handles PCI data'));
  });

  it('scores unknown severity below medium', () => {
    const unknown = scoreRisk({ ...internalCritical, cvss: null, severity: 'unknown' }, POLICY_V1);
    const medium = scoreRisk({ ...internalCritical, cvss: null, severity: 'medium' }, POLICY_V1);
    assert.ok(unknown.score < medium.score);
    assert.equal(unknown.reasons[0], 'severity unknown: the tool gave none');
  });

  it('caps the score at 100', () => {
    const result = scoreRisk({
      ...exposedPaymentFlaw,
      cvss: internalCritical.cvss,
      dataClasses: ['pci', 'phi', 'pii'],
      criticality: 'high',
      kev: { vulnerabilityId: 'CVE-1', dateAdded: '2020-01-01', knownRansomwareUse: true },
    }, POLICY_V1);
    assert.equal(result.score, 100);
    assert.equal(result.priority, 'P1');
  });
});
