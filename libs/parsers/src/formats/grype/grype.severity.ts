import type { Severity } from '@sieve/contracts';

// Grype uses the distro feeds' scale, where Negligible sits below Low.
const GRYPE_SEVERITIES = new Map<string, Severity>([
  ['critical', 'critical'],
  ['high', 'high'],
  ['medium', 'medium'],
  ['low', 'low'],
  ['negligible', 'low'],
  ['unknown', 'unknown'],
]);

/** Maps Grype's severity word (Critical, High, Medium, Low, Negligible, Unknown) to Sieve's scale. */
export function grypeSeverity(value: string | null): Severity {
  if (value === null) {
    return 'unknown';
  }
  return GRYPE_SEVERITIES.get(value.toLowerCase()) ?? 'unknown';
}
