import type { RiskInput, RiskScore } from './risk-input.model.js';
import { criticalityFactor, dataFactor, exposureFactor, intrinsicFactor, type ExplainedFactor } from './impact.factors.js';
import { clampScore, priorityOf } from './score-points.js';
import type { ScoringPolicyV1 } from './scoring-policy.js';

/**
 * Computes the version 1 score: intrinsic severity, CISA KEV, exposure,
 * data classes and business criticality, summed and capped at 100. The
 * inputs that version 2 added are ignored.
 */
export function scoreRiskV1(input: RiskInput, policy: ScoringPolicyV1): RiskScore {
  const explained: ExplainedFactor[] = [intrinsicFactor(input, policy)];

  if (input.kev) {
    const points = policy.kevPoints + (input.kev.knownRansomwareUse ? policy.ransomwarePoints : 0);
    explained.push({
      factor: { name: 'exploitation', value: `CISA KEV ${input.kev.vulnerabilityId}`, points, source: 'cisa-kev' },
      reason: `in CISA KEV since ${input.kev.dateAdded}${input.kev.knownRansomwareUse ? ', used in ransomware campaigns' : ''}`,
    });
  }

  explained.push(exposureFactor(input, policy));
  for (const optional of [dataFactor(input, policy), criticalityFactor(input, policy)]) {
    if (optional !== null) explained.push(optional);
  }

  const score = clampScore(explained.reduce((sum, { factor }) => sum + factor.points, 0));
  return {
    score,
    priority: priorityOf(score, policy),
    factors: explained.map(({ factor }) => factor),
    reasons: explained.flatMap(({ reason }) => (reason === null ? [] : [reason])),
    policyVersion: policy.version,
  };
}
