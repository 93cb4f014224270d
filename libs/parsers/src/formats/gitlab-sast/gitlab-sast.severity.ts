import type { Severity } from '@sieve/domain';

// GitLab's report schemas allow Critical, High, Medium, Low, Info and
// Unknown; schema 2.x reports also carry Undefined.
const SEVERITIES = new Map<string, Severity>([
  ['critical', 'critical'],
  ['high', 'high'],
  ['medium', 'medium'],
  ['low', 'low'],
  ['info', 'info'],
]);

export function gitlabSeverity(word: string | null): Severity {
  return (word === null ? undefined : SEVERITIES.get(word.toLowerCase())) ?? 'unknown';
}
