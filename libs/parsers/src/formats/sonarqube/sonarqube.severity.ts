import type { Severity } from '@sieve/domain';

// Issue severities before SonarQube 10.2 (still written, deprecated, after it).
const ISSUE_SEVERITIES = new Map<string, Severity>([
  ['BLOCKER', 'critical'],
  ['CRITICAL', 'high'],
  ['MAJOR', 'medium'],
  ['MINOR', 'low'],
  ['INFO', 'info'],
]);

// Severities of the software-quality impacts (SonarQube 10.2 and later) and
// of a hotspot's vulnerabilityProbability.
const IMPACT_SEVERITIES = new Map<string, Severity>([
  ['BLOCKER', 'critical'],
  ['HIGH', 'high'],
  ['MEDIUM', 'medium'],
  ['LOW', 'low'],
  ['INFO', 'info'],
]);

export function issueSeverity(word: string | null): Severity {
  return (word === null ? undefined : ISSUE_SEVERITIES.get(word.toUpperCase())) ?? 'unknown';
}

export function impactSeverity(word: string | null): Severity {
  return (word === null ? undefined : IMPACT_SEVERITIES.get(word.toUpperCase())) ?? 'unknown';
}
