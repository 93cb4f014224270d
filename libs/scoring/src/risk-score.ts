import type { RiskInput, RiskScore } from './risk-input.model.js';
import { scoreRiskV1 } from './risk-score-v1.js';
import { scoreRiskV2 } from './risk-score-v2.js';
import { DEFAULT_POLICY, type ScoringPolicy } from './scoring-policy.js';

export type { EpssInput, ReachabilityState, RiskInput, RiskScore } from './risk-input.model.js';

/**
 * Computes a 0-100 risk score as a sum of named factors with the formula of
 * the policy's version. Each factor is returned with its value, points and
 * source, and the reasons describe in plain words what moved the score.
 */
export function scoreRisk(input: RiskInput, policy: ScoringPolicy = DEFAULT_POLICY): RiskScore {
  return policy.formula === 2 ? scoreRiskV2(input, policy) : scoreRiskV1(input, policy);
}
