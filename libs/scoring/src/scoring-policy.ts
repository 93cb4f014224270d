import type { Priority, Severity } from '@sieve/contracts';

/** Days allowed to fix a finding of each priority, counted from its first sighting; null means no deadline. */
export type SlaDays = Record<Priority, number | null>;

/** Fields that every policy has, whatever its formula. */
interface PolicyBase {
  /** Named in every score computed with the policy, so a change of weights is a new version and old scores stay explainable. */
  version: string;
  /** Lowest score of each priority, P1 first; below the last one is P5. */
  priorityThresholds: Array<[Priority, number]>;
  slaDays: SlaDays;
}

/**
 * Weights of the first formula: intrinsic severity, CISA KEV, exposure, data
 * classes and criticality.
 */
export interface ScoringPolicyV1 extends PolicyBase {
  formula: 1;
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
}

/**
 * Weights of the second formula, which adds EPSS and exploit hints to
 * exploitation, runtime reachability and blast radius to the first. See
 * docs/scoring.md for why each weight has its value.
 */
export interface ScoringPolicyV2 extends Omit<ScoringPolicyV1, 'formula'> {
  formula: 2;
  /** Points of an EPSS probability of 1; a probability p gives this x sqrt(p). */
  epssMaxPoints: number;
  /** Points when a public exploit or proof of concept is known. */
  exploitHintPoints: number;
  /** Points when the vulnerable code is known to run. */
  reachablePoints: number;
  /** Factor (0-1) applied to the points other than exploitation when the vulnerable code is known not to run. */
  unreachableMultiplier: number;
  /** Points per asset beyond the first that has the same vulnerable component. */
  blastRadiusPointsPerAsset: number;
  maxBlastRadiusPoints: number;
}

/**
 * Weights of the third formula: score = 100 × exploitation × exposure ×
 * reachability × impact. The first three are likelihood multipliers from 0
 * to 1; impact is `impactFloor` plus the rest of the way to 1 in shares of
 * CVSS, data, criticality and blast radius. See docs/scoring.md.
 */
export interface ScoringPolicyV3 extends PolicyBase {
  formula: 3;
  /** Base score assumed when a finding has no CVSS vector, by normalised severity. */
  severityEquivalent: Record<Severity, number>;
  exploitation: {
    /** Multiplier of a vulnerability in CISA KEV. */
    kev: number;
    /** Added to `kev` when the listing reports known ransomware use. */
    ransomware: number;
    /** Multiplier when a report names a public exploit or proof of concept. */
    exploitHint: number;
    /** Multiplier of an EPSS probability of 0; a probability p gives floor + (ceiling - floor) × √p. */
    epssFloor: number;
    epssCeiling: number;
    /** Multiplier when nothing is known about exploitation. */
    none: number;
  };
  exposure: Record<'internet' | 'partner' | 'internal' | 'unknown', number>;
  reachability: Record<'reachable' | 'unknown' | 'unreachable', number>;
  /** Impact of the least severe finding; the shares below fill the rest up to 1. */
  impactFloor: number;
  /** Shares of the impact above the floor; they add up to 1. */
  impactShares: { cvss: number; data: number; criticality: number; blastRadius: number };
  /** Weight (0-1) of each data class; the highest one the asset handles counts. */
  dataClassWeights: Record<string, number>;
  criticalityWeights: Record<string, number>;
  /** Assets sharing the component at which the blast-radius share is full. */
  blastRadiusFullAt: number;
}

export type ScoringPolicy = ScoringPolicyV1 | ScoringPolicyV2 | ScoringPolicyV3;

const PRIORITY_THRESHOLDS: Array<[Priority, number]> = [
  ['P1', 75],
  ['P2', 55],
  ['P3', 35],
  ['P4', 15],
];

const SLA_DAYS: SlaDays = { P1: 7, P2: 30, P3: 90, P4: 180, P5: null };

// Unknown severity is scored as 4.0: below medium, so guessing never promotes a
// finding, but above low, so an unrated finding is not buried either. The
// reason text states that the severity is unknown.
export const POLICY_V1: ScoringPolicyV1 = {
  version: 'sieve-default-1',
  formula: 1,
  pointsPerCvssPoint: 5,
  severityEquivalent: { critical: 9.5, high: 7.5, medium: 5.5, low: 2.5, info: 0.5, unknown: 4 },
  kevPoints: 30,
  ransomwarePoints: 5,
  exposurePoints: { internet: 15, partner: 8, internal: 0, unknown: 5 },
  dataClassPoints: { pci: 5, phi: 5, credentials: 5, pii: 4 },
  maxDataPoints: 10,
  criticalityPoints: { high: 5, medium: 2, low: 0 },
  priorityThresholds: PRIORITY_THRESHOLDS,
  slaDays: SLA_DAYS,
};

// The version 1 weights are kept, so a finding with no EPSS score, exploit
// hint, reachability or blast radius scores the same under both versions.
// EPSS stays below KEV because a prediction is weaker evidence than observed
// exploitation.
export const POLICY_V2: ScoringPolicyV2 = {
  ...POLICY_V1,
  version: 'sieve-default-2',
  formula: 2,
  epssMaxPoints: 25,
  exploitHintPoints: 10,
  reachablePoints: 5,
  unreachableMultiplier: 0.5,
  blastRadiusPointsPerAsset: 1,
  maxBlastRadiusPoints: 5,
};

// Each likelihood multiplier other than the top one stays at or below 0.55,
// and impact never falls below 0.6. So a finding that is exploited (KEV),
// internet-facing and not known to be unreachable always outranks one that
// lacks any of the three, whatever their CVSS: 0.95 x 0.6 = 57 against at most
// 55, and P1 starts between the two. Within each group, CVSS and business
// impact still order the findings.
export const POLICY_V3: ScoringPolicyV3 = {
  version: 'sieve-default-3',
  formula: 3,
  severityEquivalent: POLICY_V1.severityEquivalent,
  exploitation: { kev: 0.95, ransomware: 0.05, exploitHint: 0.45, epssFloor: 0.3, epssCeiling: 0.55, none: 0.3 },
  exposure: { internet: 1, partner: 0.55, internal: 0.3, unknown: 0.5 },
  reachability: { reachable: 1, unknown: 1, unreachable: 0.5 },
  impactFloor: 0.6,
  impactShares: { cvss: 0.6, data: 0.2, criticality: 0.1, blastRadius: 0.1 },
  dataClassWeights: { pci: 1, phi: 1, credentials: 1, pii: 0.8 },
  criticalityWeights: { high: 1, medium: 0.5, low: 0 },
  blastRadiusFullAt: 6,
  priorityThresholds: [
    ['P1', 56],
    ['P2', 25],
    ['P3', 10],
    ['P4', 3],
  ],
  slaDays: SLA_DAYS,
};

/** The policy the stages score with unless a policy file replaces it. */
export const DEFAULT_POLICY: ScoringPolicy = POLICY_V3;

/** The policies Sieve ships, by version, so a stored score can be recomputed with the policy it names. */
export const BUILT_IN_POLICIES: ReadonlyMap<string, ScoringPolicy> = new Map<string, ScoringPolicy>([
  [POLICY_V1.version, POLICY_V1],
  [POLICY_V2.version, POLICY_V2],
  [POLICY_V3.version, POLICY_V3],
]);
