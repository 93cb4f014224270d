import { SEVERITY_VALUES, type Severity } from '@sieve/contracts';

export type { Severity };
export { SEVERITY_VALUES };

const RANK: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1, unknown: 0 };

/** Orders severities from critical down to unknown, for sorting. */
export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}

/** The higher of two severities; unknown loses to any known value. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * Qualitative rating of a CVSS base score, using the CVSS v3.x and v4.0 bands
 * (0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high, 9.0-10.0 critical; 0 is none,
 * reported here as info).
 */
export function severityFromCvssScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}
