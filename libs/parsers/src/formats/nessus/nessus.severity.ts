import type { Severity } from '@sieve/domain';

// ReportItem severity attribute of .nessus v2 files.
const LEVELS = new Map<string, Severity>([
  ['0', 'info'],
  ['1', 'low'],
  ['2', 'medium'],
  ['3', 'high'],
  ['4', 'critical'],
]);

// Risk words of risk_factor and of the CSV exports' Risk, Severity and Risk Factor columns.
const WORDS = new Map<string, Severity>([
  ['none', 'info'],
  ['info', 'info'],
  ['low', 'low'],
  ['medium', 'medium'],
  ['high', 'high'],
  ['critical', 'critical'],
]);

/** Maps Nessus' severity level 0-4. Anything else is unknown. */
export function nessusSeverityLevel(level: string | null): Severity {
  return level === null ? 'unknown' : (LEVELS.get(level) ?? 'unknown');
}

/** Maps a Nessus risk word (None, Low, Medium, High, Critical, and Info in Tenable exports). Anything else is unknown. */
export function nessusRiskWord(word: string | null): Severity {
  return word === null ? 'unknown' : (WORDS.get(word.toLowerCase()) ?? 'unknown');
}
