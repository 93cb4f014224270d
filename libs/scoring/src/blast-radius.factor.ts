import type { ExplainedFactor } from './impact.factors.js';
import type { RiskInput } from './risk-input.model.js';
import type { ScoringPolicyV2 } from './scoring-policy.js';

/**
 * Adds a few points per further asset that has the same vulnerable
 * component, capped, because one fix then removes the flaw everywhere but one
 * miss leaves it everywhere. Returns null for a component on one asset, or
 * when the count is not known.
 */
export function blastRadiusFactor(input: RiskInput, policy: ScoringPolicyV2): ExplainedFactor | null {
  const assets = input.blastRadius ?? 0;
  if (!Number.isFinite(assets) || assets < 2) {
    return null;
  }

  const count = Math.floor(assets);
  const points = Math.min(policy.maxBlastRadiusPoints, policy.blastRadiusPointsPerAsset * (count - 1));
  return {
    factor: { name: 'blastRadius', value: `${count} assets`, points, source: 'component inventory' },
    reason: `shared by ${count} assets`,
  };
}
