import type { Cvss, KevListing, Priority, ScoreFactor, Severity } from '@sieve/contracts';

export type ReachabilityState = 'reachable' | 'unreachable' | 'unknown';

/** An EPSS score of one of the finding's vulnerabilities, usually the highest. */
export interface EpssInput {
  /** Probability (0-1) of exploitation activity in the next 30 days. */
  probability: number;
  /** Share (0-1) of scored CVEs with an equal or lower probability. */
  percentile: number;
  /** ISO date the score was published for. */
  scoreDate?: string | null;
}

/**
 * Inputs of one finding's score. Policy version 1 ignores the fields after
 * `kev`, and an absent one counts as not known.
 */
export interface RiskInput {
  severity: Severity;
  cvss: Cvss | null;
  exposure: 'internet' | 'partner' | 'internal' | 'unknown';
  exposureSource: string | null;
  dataClasses: string[];
  criticality: string | null;
  kev: KevListing | null;
  /** Null or absent when the vulnerability was never scored, which is not the same as a probability of 0. */
  epss?: EpssInput | null;
  /** Source that reports a public exploit or proof of concept, for example `grype:exploit-db`; null when none is known. */
  exploitHint?: { source: string } | null;
  reachability?: ReachabilityState;
  reachabilitySource?: string | null;
  /** Plain words for the reachability, such as "package not loaded at runtime". */
  reachabilityReason?: string | null;
  /** Number of assets that have the vulnerable component, this one included. */
  blastRadius?: number | null;
  dataClassesSource?: string | null;
  criticalitySource?: string | null;
}

export interface RiskScore {
  score: number;
  priority: Priority;
  factors: ScoreFactor[];
  reasons: string[];
  policyVersion: string;
}
