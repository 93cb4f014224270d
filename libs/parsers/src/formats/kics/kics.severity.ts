import type { Severity } from '@sieve/domain';

// KICS query severities; TRACE marks queries that only record facts.
const SEVERITIES = new Map<string, Severity>([
  ['CRITICAL', 'critical'],
  ['HIGH', 'high'],
  ['MEDIUM', 'medium'],
  ['LOW', 'low'],
  ['INFO', 'info'],
  ['TRACE', 'info'],
]);

export function kicsSeverity(word: string | null): Severity {
  return (word === null ? undefined : SEVERITIES.get(word.toUpperCase())) ?? 'unknown';
}
