import type { Severity } from '@sieve/domain';

// Semgrep's rule severities: ERROR, WARNING and INFO, plus the CRITICAL to LOW
// scale of newer rules. INVENTORY and EXPERIMENT rules report facts, not flaws.
const SEVERITIES = new Map<string, Severity>([
  ['ERROR', 'high'],
  ['WARNING', 'medium'],
  ['INFO', 'low'],
  ['CRITICAL', 'critical'],
  ['HIGH', 'high'],
  ['MEDIUM', 'medium'],
  ['LOW', 'low'],
  ['INVENTORY', 'info'],
  ['EXPERIMENT', 'info'],
]);

/** Maps a Semgrep severity word; an unknown or missing word stays unknown. */
export function semgrepSeverity(word: string | null): Severity {
  return word === null ? 'unknown' : (SEVERITIES.get(word.toUpperCase()) ?? 'unknown');
}
