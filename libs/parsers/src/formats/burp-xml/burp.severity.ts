import type { Severity } from '@sieve/domain';

// Burp's severities: High, Medium, Low and Information in XML exports,
// high, medium, low and info in the REST API.
const SEVERITIES = new Map<string, Severity>([
  ['high', 'high'],
  ['medium', 'medium'],
  ['low', 'low'],
  ['information', 'info'],
  ['info', 'info'],
]);

/** Maps a Burp severity word. Anything else, such as "false_positive", is unknown. */
export function burpSeverity(word: string | null): Severity {
  return word === null ? 'unknown' : (SEVERITIES.get(word.toLowerCase()) ?? 'unknown');
}
