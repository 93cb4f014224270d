import type { Severity } from '@sieve/contracts';

// The npm advisory scale, which both Yarn 1 and Yarn Berry print.
const YARN_SEVERITIES = new Map<string, Severity>([
  ['critical', 'critical'],
  ['high', 'high'],
  ['moderate', 'medium'],
  ['medium', 'medium'],
  ['low', 'low'],
  ['info', 'info'],
]);

/** Maps the npm advisory severity word (critical, high, moderate, low, info) to Sieve's scale. */
export function yarnSeverity(value: string | null): Severity {
  if (value === null) {
    return 'unknown';
  }
  return YARN_SEVERITIES.get(value.toLowerCase()) ?? 'unknown';
}
