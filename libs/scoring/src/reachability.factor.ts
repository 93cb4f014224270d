import type { ExplainedFactor } from './impact.factors.js';
import type { RiskInput } from './risk-input.model.js';
import { roundPoints } from './score-points.js';
import type { ScoringPolicyV2 } from './scoring-policy.js';

/**
 * Scores reachability. Unknown adds nothing and takes nothing. Reachable
 * adds a few points. Unreachable takes away part of `demotablePoints` (every
 * factor but exploitation, so the points that exploitation evidence gives
 * always stay), unless the vulnerability is in CISA KEV: known exploitation
 * outweighs the demotion, because a sensor covers only its observation window.
 */
export function reachabilityFactor(input: RiskInput, policy: ScoringPolicyV2, demotablePoints: number): ExplainedFactor {
  const state = input.reachability ?? 'unknown';
  const source = input.reachabilitySource ?? 'none';

  if (state === 'reachable') {
    return {
      factor: { name: 'reachability', value: 'reachable', points: policy.reachablePoints, source },
      reason: input.reachabilityReason ?? 'vulnerable code is reachable',
    };
  }

  if (state === 'unknown') {
    return { factor: { name: 'reachability', value: 'unknown', points: 0, source }, reason: null };
  }

  const reason = input.reachabilityReason ?? 'vulnerable code is not reachable';
  if (input.kev) {
    return {
      factor: { name: 'reachability', value: 'unreachable, not demoted', points: 0, source },
      reason: `${reason}, but known exploitation (CISA KEV) outweighs the demotion`,
    };
  }

  const multiplier = Math.min(1, Math.max(0, policy.unreachableMultiplier));
  const demotion = roundPoints(Math.max(0, demotablePoints) * (1 - multiplier));
  return {
    factor: { name: 'reachability', value: `unreachable x${multiplier}`, points: demotion === 0 ? 0 : -demotion, source },
    reason,
  };
}
