import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCvss } from '@sieve/domain';
import type { RiskInput } from './risk-input.model.js';
import { scoreRisk } from './risk-score.js';
import { POLICY_V1, POLICY_V2 } from './scoring-policy.js';
import { whatIf, type WhatIfFinding } from './what-if.js';

const critical: RiskInput = {
  severity: 'critical',
  cvss: parseCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H'),
  exposure: 'internal',
  exposureSource: null,
  dataClasses: [],
  criticality: null,
  kev: null,
  reachability: 'unreachable',
  reachabilityReason: 'package not loaded at runtime',
};

const payment: RiskInput = {
  severity: 'medium',
  cvss: parseCvss('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N'),
  exposure: 'internet',
  exposureSource: null,
  dataClasses: ['pci'],
  criticality: null,
  kev: null,
  reachability: 'reachable',
};

const lowFlaw: RiskInput = { ...payment, severity: 'low', cvss: null, exposure: 'internal', dataClasses: [], reachability: 'unknown' };

function current(id: string, input: RiskInput): WhatIfFinding {
  const { score, priority } = scoreRisk(input, POLICY_V1);
  return { id, input, current: { score, priority } };
}

describe('whatIf', () => {
  const findings = [current('critical', critical), current('payment', payment), current('low', lowFlaw)];
  const { outcomes, summary } = whatIf(findings, POLICY_V2);
  const outcome = (id: string) => outcomes.find((candidate) => candidate.id === id)!;

  it('ranks by the current score first', () => {
    assert.equal(outcome('payment').current.rank, 1);
    assert.equal(outcome('critical').current.rank, 2);
  });

  it('returns the proposed order', () => {
    assert.deepEqual(
      outcomes.map((candidate) => candidate.id),
      ['payment', 'critical', 'low'],
    );
  });

  it('scores with the proposed policy', () => {
    assert.equal(outcome('critical').proposed.score, 25);
    assert.equal(outcome('critical').proposed.policyVersion, 'sieve-default-2');
  });

  it('reports the priority change', () => {
    assert.equal(outcome('critical').current.priority, 'P3');
    assert.equal(outcome('critical').proposed.priority, 'P4');
  });

  it('reports a longer SLA', () => {
    assert.equal(outcome('critical').current.slaDays, 90);
    assert.equal(outcome('critical').proposed.slaDays, 180);
    assert.equal(outcome('critical').slaChange, 'longer');
  });

  it('keeps ties in the current order', () => {
    assert.equal(outcome('low').movement, 'same');
    assert.equal(outcome('low').rankChange, 0);
  });

  it('summarizes the changes', () => {
    assert.equal(summary.findings, 3);
    assert.equal(summary.slaLonger, 1);
    assert.equal(summary.slaShorter, 1);
    assert.deepEqual(summary.priorityChanges, [
      { from: 'P3', to: 'P2', findings: 1 },
      { from: 'P3', to: 'P4', findings: 1 },
    ]);
    assert.equal(summary.byPriority.proposed.P4, 1);
    assert.equal(summary.byPriority.proposed.P2, 1);
    assert.equal(summary.policyVersion, 'sieve-default-2');
  });

  it('moves a finding up', () => {
    const result = whatIf([current('payment', payment), current('critical', critical)], { ...POLICY_V2, reachablePoints: 0, unreachableMultiplier: 1, pointsPerCvssPoint: 8 });
    const moved = result.outcomes.find((candidate) => candidate.id === 'critical')!;
    assert.equal(moved.movement, 'up');
    assert.equal(moved.rankChange, 1);
    assert.equal(result.summary.movedUp, 1);
    assert.equal(result.summary.movedDown, 1);
  });

  it('reports a shorter SLA', () => {
    const result = whatIf([current('payment', payment)], { ...POLICY_V2, slaDays: { ...POLICY_V2.slaDays, P2: 10 } });
    assert.equal(result.outcomes[0]?.slaChange, 'shorter');
  });

  it('accepts no findings', () => {
    assert.equal(whatIf([], POLICY_V2).summary.findings, 0);
  });
});
