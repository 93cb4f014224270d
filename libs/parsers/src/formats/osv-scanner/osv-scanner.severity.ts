import type { Severity } from '@sieve/contracts';
import { compareSeverity } from '@sieve/domain';

// GitHub's advisory scale, which GHSA records carry in database_specific.severity.
const GHSA_SEVERITIES = new Map<string, Severity>([
  ['critical', 'critical'],
  ['high', 'high'],
  ['moderate', 'medium'],
  ['medium', 'medium'],
  ['low', 'low'],
]);

/** Maps a GHSA severity word (CRITICAL, HIGH, MODERATE, LOW) to Sieve's scale. */
export function ghsaSeverity(value: string): Severity {
  return GHSA_SEVERITIES.get(value.toLowerCase()) ?? 'unknown';
}

/** Returns the highest of several severity words with its mapping, or null when none maps. */
export function highestSeverityWord(words: string[]): { word: string; severity: Severity } | null {
  let best: { word: string; severity: Severity } | null = null;
  for (const word of words) {
    const severity = ghsaSeverity(word);
    if (severity !== 'unknown' && (best === null || compareSeverity(severity, best.severity) < 0)) {
      best = { word, severity };
    }
  }
  return best;
}
