import type { Severity } from '@sieve/domain';

// Checkov writes a severity only when the Prisma Cloud platform enriched the
// run (an API key was given); open-source runs write null.
const SEVERITIES = new Map<string, Severity>([
  ['CRITICAL', 'critical'],
  ['HIGH', 'high'],
  ['MEDIUM', 'medium'],
  ['LOW', 'low'],
  ['INFO', 'info'],
]);

export function checkovSeverity(word: string | null): Severity {
  return (word === null ? undefined : SEVERITIES.get(word.toUpperCase())) ?? 'unknown';
}
