import type { Severity } from '@sieve/contracts';

// npm's advisory scale: critical, high, moderate, low, info.
const NPM_SEVERITIES = new Map<string, Severity>([
  ['critical', 'critical'],
  ['high', 'high'],
  ['moderate', 'medium'],
  ['medium', 'medium'],
  ['low', 'low'],
  ['info', 'info'],
]);

/** Maps npm's severity word to Sieve's scale; a word npm does not define maps to unknown. */
export function npmSeverity(value: string | null): Severity {
  if (value === null) {
    return 'unknown';
  }
  return NPM_SEVERITIES.get(value.toLowerCase()) ?? 'unknown';
}
