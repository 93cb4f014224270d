import type { Severity } from '@sieve/contracts';

const TRIVY_SEVERITIES = new Map<string, Severity>([
  ['CRITICAL', 'critical'],
  ['HIGH', 'high'],
  ['MEDIUM', 'medium'],
  ['LOW', 'low'],
  ['UNKNOWN', 'unknown'],
]);

/** Maps Trivy's severity word (CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN) to Sieve's scale. */
export function trivySeverity(value: string | null): Severity {
  if (value === null) {
    return 'unknown';
  }
  return TRIVY_SEVERITIES.get(value.toUpperCase()) ?? 'unknown';
}
