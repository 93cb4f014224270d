import type { Severity } from '@sieve/domain';

// tfsec 1.x rates CRITICAL to LOW. tfsec 0.x wrote ERROR, WARNING and INFO,
// read here as high, medium and low in their usual order.
const SEVERITIES = new Map<string, Severity>([
  ['CRITICAL', 'critical'],
  ['HIGH', 'high'],
  ['MEDIUM', 'medium'],
  ['LOW', 'low'],
  ['ERROR', 'high'],
  ['WARNING', 'medium'],
  ['INFO', 'low'],
]);

export function tfsecSeverity(word: string | null): Severity {
  return (word === null ? undefined : SEVERITIES.get(word.toUpperCase())) ?? 'unknown';
}
