import { severityFromCvssScore } from '@sieve/domain';
import type { ScoreFactor } from '@sieve/contracts';
import type { RiskInput } from './risk-input.model.js';
import { roundPoints } from './score-points.js';
import type { ScoringPolicyV1 } from './scoring-policy.js';

/** A factor with the plain-language reason shown for it; a null reason adds nothing to the list. */
export interface ExplainedFactor {
  factor: ScoreFactor;
  reason: string | null;
}

type SharedWeights = Omit<ScoringPolicyV1, 'formula'>;

const DATA_CLASS_LABELS: Record<string, string> = { pci: 'PCI', phi: 'PHI', pii: 'PII', credentials: 'credentials' };

/** CVSS base score of the preferred vector, or the equivalent of the normalised severity. */
export function intrinsicFactor(input: RiskInput, policy: SharedWeights): ExplainedFactor {
  const base = input.cvss?.baseScore ?? policy.severityEquivalent[input.severity];
  const factor: ScoreFactor = {
    name: 'intrinsic',
    value: input.cvss ? `CVSS ${input.cvss.version} ${input.cvss.baseScore}` : `severity ${input.severity}`,
    points: roundPoints(base * policy.pointsPerCvssPoint),
    source: input.cvss ? `cvss:${input.cvss.source ?? 'report'}` : 'report severity',
  };
  return { factor, reason: intrinsicReason(input) };
}

/** Describes the intrinsic severity: the CVSS base score and its rating, or the tool's severity. */
export function intrinsicReason(input: Pick<RiskInput, 'cvss' | 'severity'>): string {
  if (input.cvss) {
    return `CVSS ${input.cvss.version} base score ${input.cvss.baseScore} (${severityFromCvssScore(input.cvss.baseScore)})`;
  }
  return input.severity === 'unknown' ? 'severity unknown: the tool gave none' : `${input.severity} severity (no CVSS vector)`;
}

/** Describes the exposure, or returns null when it is unknown, because that adds nothing worth listing. */
export function exposureReason(exposure: RiskInput['exposure']): string | null {
  const reasons: Record<RiskInput['exposure'], string | null> = {
    internet: 'internet-facing',
    partner: 'exposed to partners',
    internal: 'internal only',
    unknown: null,
  };
  return reasons[exposure];
}

/** Describes the data classes that count for the score, for example "service handles PCI and PII data". */
export function dataReason(dataClasses: readonly string[]): string {
  return `service handles ${dataClasses.map((dataClass) => DATA_CLASS_LABELS[dataClass] ?? dataClass).join(' and ')} data`;
}

export function exposureFactor(input: RiskInput, policy: SharedWeights): ExplainedFactor {
  const factor: ScoreFactor = {
    name: 'exposure',
    value: input.exposure,
    points: policy.exposurePoints[input.exposure],
    source: input.exposureSource ?? 'none',
  };
  return { factor, reason: exposureReason(input.exposure) };
}

/** Points of the data classes the asset handles, capped; null when it handles none that count. */
export function dataFactor(input: RiskInput, policy: SharedWeights): ExplainedFactor | null {
  const dataClasses = input.dataClasses.filter((dataClass) => dataClass in policy.dataClassPoints);
  const sum = dataClasses.reduce((total, dataClass) => total + (policy.dataClassPoints[dataClass] ?? 0), 0);
  const points = Math.min(policy.maxDataPoints, sum);
  if (points <= 0) {
    return null;
  }

  return {
    factor: { name: 'data', value: dataClasses.join(','), points, source: input.dataClassesSource ?? 'asset context' },
    reason: dataReason(dataClasses),
  };
}

export function criticalityFactor(input: RiskInput, policy: SharedWeights): ExplainedFactor | null {
  const points = input.criticality ? (policy.criticalityPoints[input.criticality] ?? 0) : 0;
  if (input.criticality === null || points <= 0) {
    return null;
  }
  return {
    factor: { name: 'criticality', value: input.criticality, points, source: input.criticalitySource ?? 'asset context' },
    reason: `${input.criticality} business criticality`,
  };
}
