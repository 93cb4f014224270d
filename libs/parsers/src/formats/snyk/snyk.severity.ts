import type { Severity } from '@sieve/contracts';

// Snyk's scale. Old CLI versions write "high" in `severity` for critical
// issues and the true level only in `severityWithCritical`.
const SNYK_SEVERITIES = new Map<string, Severity>([
  ['critical', 'critical'],
  ['high', 'high'],
  ['medium', 'medium'],
  ['low', 'low'],
]);

/** Maps Snyk's severity word (critical, high, medium, low) to Sieve's scale. */
export function snykSeverity(value: string | null): Severity {
  if (value === null) {
    return 'unknown';
  }
  return SNYK_SEVERITIES.get(value.toLowerCase()) ?? 'unknown';
}
