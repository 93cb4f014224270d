import type { ScoreFactor } from '@sieve/contracts';
import { exposureReason, type ExplainedFactor } from './impact.factors.js';
import { formatPercentile, formatProbability } from './reason-text.js';
import type { RiskInput } from './risk-input.model.js';
import type { ScoringPolicyV3 } from './scoring-policy.js';

/** Rounds a multiplier to three decimals, the precision factors are stored with. */
export function roundMultiplier(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Exploitation as a multiplier: the strongest of CISA KEV, the EPSS
 * probability and a named public exploit, or the multiplier for "nothing
 * known". Every signal present gets a reason, strongest first.
 */
export function exploitationMultiplier(input: RiskInput, policy: ScoringPolicyV3): { factor: ScoreFactor; reasons: string[] } {
  const weights = policy.exploitation;
  const signals: Array<{ value: string; multiplier: number; source: string; reason: string }> = [];

  if (input.kev) {
    const ransomware = input.kev.knownRansomwareUse;
    signals.push({
      value: `CISA KEV ${input.kev.vulnerabilityId}`,
      multiplier: Math.min(1, weights.kev + (ransomware ? weights.ransomware : 0)),
      source: 'cisa-kev',
      reason: `in CISA KEV since ${input.kev.dateAdded}${ransomware ? ', used in ransomware campaigns' : ''}`,
    });
  }

  const epss = input.epss;
  if (epss !== null && epss !== undefined) {
    const probability = Math.min(1, Math.max(0, epss.probability));
    signals.push({
      value: `EPSS ${formatProbability(probability)}`,
      multiplier: weights.epssFloor + (weights.epssCeiling - weights.epssFloor) * Math.sqrt(probability),
      source: epss.scoreDate ? `epss:${epss.scoreDate}` : 'epss',
      reason: `EPSS ${formatProbability(probability)} (${formatPercentile(epss.percentile)} percentile)`,
    });
  }

  if (input.exploitHint) {
    signals.push({ value: 'public exploit', multiplier: weights.exploitHint, source: input.exploitHint.source, reason: 'public exploit code is known' });
  }

  signals.sort((a, b) => b.multiplier - a.multiplier);
  const strongest = signals[0];
  if (strongest === undefined || strongest.multiplier < weights.none) {
    return { factor: { name: 'exploitation', value: 'none known', points: weights.none, source: 'none' }, reasons: signals.map((signal) => signal.reason) };
  }
  return {
    factor: { name: 'exploitation', value: strongest.value, points: roundMultiplier(strongest.multiplier), source: strongest.source },
    reasons: signals.map((signal) => signal.reason),
  };
}

export function exposureMultiplier(input: RiskInput, policy: ScoringPolicyV3): ExplainedFactor {
  return {
    factor: { name: 'exposure', value: input.exposure, points: policy.exposure[input.exposure], source: input.exposureSource ?? 'none' },
    reason: exposureReason(input.exposure),
  };
}

/**
 * Reachability as a multiplier. Unknown takes the reachable multiplier in the
 * default policy, so missing evidence never lowers a score. Unreachable
 * demotes but never closes, and a KEV listing still keeps the finding above
 * unexploited ones because the exploitation multiplier is applied as well.
 */
export function reachabilityMultiplier(input: RiskInput, policy: ScoringPolicyV3): ExplainedFactor {
  const state = input.reachability ?? 'unknown';
  const factor: ScoreFactor = { name: 'reachability', value: state, points: policy.reachability[state], source: input.reachabilitySource ?? 'none' };
  if (state === 'unknown') {
    return { factor, reason: null };
  }
  const fallback = state === 'reachable' ? 'vulnerable code is reachable' : 'vulnerable code is not reachable';
  return { factor, reason: input.reachabilityReason ?? fallback };
}
