import type { ScoreFactor } from '@sieve/contracts';
import { dataReason, intrinsicReason, type ExplainedFactor } from './impact.factors.js';
import { exploitationMultiplier, exposureMultiplier, reachabilityMultiplier, roundMultiplier } from './likelihood.factors.js';
import type { RiskInput, RiskScore } from './risk-input.model.js';
import { clampScore, priorityOf } from './score-points.js';
import type { ScoringPolicyV3 } from './scoring-policy.js';

/**
 * Computes the version 3 score, 100 × exploitation × exposure × reachability
 * × impact. The likelihood factors store their multiplier in `points`; the
 * impact parts store their share, and the `impact` factor the resulting
 * multiplier. Multiplying rather than adding is what lets a finding that is
 * exploited, exposed and reachable stay above every finding missing one of
 * those, while CVSS still orders findings of the same likelihood.
 */
export function scoreRiskV3(input: RiskInput, policy: ScoringPolicyV3): RiskScore {
  const exploitation = exploitationMultiplier(input, policy);
  const exposure = exposureMultiplier(input, policy);
  const reachability = reachabilityMultiplier(input, policy);
  const parts = impactParts(input, policy);
  const shares = parts.reduce((sum, { factor }) => sum + factor.points, 0);
  const impact = roundMultiplier(policy.impactFloor + (1 - policy.impactFloor) * Math.min(1, shares));
  const impactFactor: ScoreFactor = { name: 'impact', value: `${policy.impactFloor} + ${roundMultiplier(1 - policy.impactFloor)} × ${roundMultiplier(shares)}`, points: impact, source: policy.version };

  const score = clampScore(100 * exploitation.factor.points * exposure.factor.points * reachability.factor.points * impact);
  const reasons = [
    intrinsicReason(input),
    ...exploitation.reasons,
    exposure.reason,
    reachability.reason,
    ...parts.slice(1).map(({ reason }) => reason),
  ].filter((reason): reason is string => reason !== null);

  return {
    score,
    priority: priorityOf(score, policy),
    factors: [exploitation.factor, exposure.factor, reachability.factor, impactFactor, ...parts.map(({ factor }) => factor)],
    reasons,
    policyVersion: policy.version,
  };
}

/** Computes the shares of impact above its floor: CVSS first, then data, criticality and blast radius where they count. */
function impactParts(input: RiskInput, policy: ScoringPolicyV3): ExplainedFactor[] {
  const shares = policy.impactShares;
  const base = input.cvss?.baseScore ?? policy.severityEquivalent[input.severity];
  const parts: ExplainedFactor[] = [
    {
      factor: {
        name: 'intrinsic',
        value: input.cvss ? `CVSS ${input.cvss.version} ${input.cvss.baseScore}` : `severity ${input.severity}`,
        points: roundMultiplier((shares.cvss * Math.min(10, Math.max(0, base))) / 10),
        source: input.cvss ? `cvss:${input.cvss.source ?? 'report'}` : 'report severity',
      },
      reason: null,
    },
  ];

  const counted = input.dataClasses.filter((dataClass) => (policy.dataClassWeights[dataClass] ?? 0) > 0);
  if (counted.length > 0) {
    const weight = Math.max(...counted.map((dataClass) => policy.dataClassWeights[dataClass]!));
    parts.push({
      factor: { name: 'data', value: counted.join(','), points: roundMultiplier(shares.data * Math.min(1, weight)), source: input.dataClassesSource ?? 'asset context' },
      reason: dataReason(counted),
    });
  }

  const criticality = input.criticality === null ? 0 : (policy.criticalityWeights[input.criticality] ?? 0);
  if (input.criticality !== null && criticality > 0) {
    parts.push({
      factor: { name: 'criticality', value: input.criticality, points: roundMultiplier(shares.criticality * Math.min(1, criticality)), source: input.criticalitySource ?? 'asset context' },
      reason: `${input.criticality} business criticality`,
    });
  }

  const assets = Math.floor(input.blastRadius ?? 0);
  if (assets >= 2) {
    const spread = Math.min(1, (assets - 1) / Math.max(1, policy.blastRadiusFullAt - 1));
    parts.push({
      factor: { name: 'blastRadius', value: `${assets} assets`, points: roundMultiplier(shares.blastRadius * spread), source: 'component inventory' },
      reason: `shared by ${assets} assets`,
    });
  }
  return parts;
}
