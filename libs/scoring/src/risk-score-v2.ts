import { blastRadiusFactor } from './blast-radius.factor.js';
import { exploitationFactor } from './exploitation.factor.js';
import { criticalityFactor, dataFactor, exposureFactor, intrinsicFactor, type ExplainedFactor } from './impact.factors.js';
import { reachabilityFactor } from './reachability.factor.js';
import type { RiskInput, RiskScore } from './risk-input.model.js';
import { clampScore, priorityOf, roundPoints } from './score-points.js';
import type { ScoringPolicyV2 } from './scoring-policy.js';

/**
 * Computes the version 2 score: the version 1 factors, exploitation from the
 * strongest of KEV, EPSS and a known exploit, blast radius, and reachability
 * last because an unreachable demotion is a share of the other points. The
 * factors' points add up to the score before it is capped to 0-100.
 */
export function scoreRiskV2(input: RiskInput, policy: ScoringPolicyV2): RiskScore {
  const intrinsic = intrinsicFactor(input, policy);
  const exploitation = exploitationFactor(input, policy);
  const exposure = exposureFactor(input, policy);
  const impact = [dataFactor(input, policy), criticalityFactor(input, policy), blastRadiusFactor(input, policy)].filter(
    (factor): factor is ExplainedFactor => factor !== null,
  );

  const demotable = [intrinsic, exposure, ...impact].reduce((sum, { factor }) => sum + factor.points, 0);
  const reachability = reachabilityFactor(input, policy, roundPoints(demotable));

  const explained = [intrinsic, ...(exploitation ? [exploitation.explained] : []), exposure, ...impact, reachability];
  const reasons = [
    intrinsic.reason,
    ...(exploitation?.reasons ?? []),
    exposure.reason,
    reachability.reason,
    ...impact.map(({ reason }) => reason),
  ].filter((reason): reason is string => reason !== null);

  const score = clampScore(explained.reduce((sum, { factor }) => sum + factor.points, 0));
  return {
    score,
    priority: priorityOf(score, policy),
    factors: explained.map(({ factor }) => factor),
    reasons,
    policyVersion: policy.version,
  };
}
