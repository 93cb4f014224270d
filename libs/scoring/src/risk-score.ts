import type { RiskInput, RiskScore } from './risk-input.model.js';
import { scoreRiskV1 } from './risk-score-v1.js';
import { scoreRiskV2 } from './risk-score-v2.js';
import { scoreRiskV3 } from './risk-score-v3.js';
import { DEFAULT_POLICY, type ScoringPolicy } from './scoring-policy.js';

export type { EpssInput, ReachabilityState, RiskInput, RiskScore } from './risk-input.model.js';

/**
 * Computes a 0-100 risk score with the formula of the policy's version:
 * additive for versions 1 and 2, likelihood times impact for version 3. Each
 * factor is returned with its value, points and source, and the reasons
 * describe in plain words what moved the score.
 */
export function scoreRisk(input: RiskInput, policy: ScoringPolicy = DEFAULT_POLICY): RiskScore {
  switch (policy.formula) {
    case 3:
      return scoreRiskV3(input, policy);
    case 2:
      return scoreRiskV2(input, policy);
    default:
      return scoreRiskV1(input, policy);
  }
}
