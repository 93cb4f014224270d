import type { Priority, Severity } from '@sieve/contracts';

/**
 * Weights of the risk score. Every score names the policy version it used, so
 * a change of weights is a new version and old scores stay explainable.
 */
export interface ScoringPolicy {
  version: string;
  /** Points per CVSS base-score point (0-10), so intrinsic severity gives at most 10 x this. */
  pointsPerCvssPoint: number;
  /** Base score assumed when a finding has no CVSS vector, by normalised severity. */
  severityEquivalent: Record<Severity, number>;
  kevPoints: number;
  ransomwarePoints: number;
  exposurePoints: Record<'internet' | 'partner' | 'internal' | 'unknown', number>;
  dataClassPoints: Record<string, number>;
  maxDataPoints: number;
  criticalityPoints: Record<string, number>;
  /** Lowest score of each priority, P1 first; below the last one is P5. */
  priorityThresholds: Array<[Priority, number]>;
}

// Unknown severity is scored as 4.0: below medium, so guessing never promotes a
// finding, but above low, so an unrated finding is not buried either. The
// reason text says the severity is unknown.
export const DEFAULT_POLICY: ScoringPolicy = {
  version: 'sieve-default-1',
  pointsPerCvssPoint: 5,
  severityEquivalent: { critical: 9.5, high: 7.5, medium: 5.5, low: 2.5, info: 0.5, unknown: 4 },
  kevPoints: 30,
  ransomwarePoints: 5,
  exposurePoints: { internet: 15, partner: 8, internal: 0, unknown: 5 },
  dataClassPoints: { pci: 5, phi: 5, credentials: 5, pii: 4 },
  maxDataPoints: 10,
  criticalityPoints: { high: 5, medium: 2, low: 0 },
  priorityThresholds: [
    ['P1', 75],
    ['P2', 55],
    ['P3', 35],
    ['P4', 15],
  ],
};
