import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slaDueDate } from './sla.js';
import { POLICY_V2 } from './scoring-policy.js';

describe('slaDueDate', () => {
  const firstSeen = new Date('2025-06-01T10:00:00Z');

  it('adds the P1 days', () => {
    assert.equal(slaDueDate('P1', firstSeen, POLICY_V2)?.toISOString(), '2025-06-08T10:00:00.000Z');
  });

  it('adds the P3 days', () => {
    assert.equal(slaDueDate('P3', firstSeen, POLICY_V2)?.toISOString(), '2025-08-30T10:00:00.000Z');
  });

  it('returns null without a deadline', () => {
    assert.equal(slaDueDate('P5', firstSeen, POLICY_V2), null);
  });

  it('follows the policy', () => {
    const policy = { slaDays: { ...POLICY_V2.slaDays, P1: 1 } };
    assert.equal(slaDueDate('P1', firstSeen, policy)?.toISOString(), '2025-06-02T10:00:00.000Z');
  });
});
