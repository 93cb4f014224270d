import type { Severity } from '@sieve/domain';

// Bandit rates issues HIGH, MEDIUM or LOW; UNDEFINED means the plugin set none.
const SEVERITIES = new Map<string, Severity>([
  ['HIGH', 'high'],
  ['MEDIUM', 'medium'],
  ['LOW', 'low'],
]);

/** Maps Bandit's issue_severity; UNDEFINED and unknown words stay unknown. */
export function banditSeverity(word: string | null): Severity {
  return (word === null ? undefined : SEVERITIES.get(word.toUpperCase())) ?? 'unknown';
}
