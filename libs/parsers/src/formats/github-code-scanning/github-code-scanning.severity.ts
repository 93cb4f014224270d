import type { Severity } from '@sieve/domain';
import { field } from '../../json-access.js';
import { text } from './github-code-scanning.value.js';

export interface SeverityReading {
  severity: Severity;
  toolSeverity: string | null;
}

// rule.security_severity_level: set for security queries, from the rule's CVSS-based score.
const SECURITY_LEVELS = new Map<string, Severity>([
  ['critical', 'critical'],
  ['high', 'high'],
  ['medium', 'medium'],
  ['low', 'low'],
]);

// rule.severity: the SARIF level of the rule; the same mapping as for SARIF files.
const RULE_LEVELS = new Map<string, Severity>([
  ['error', 'high'],
  ['warning', 'medium'],
  ['note', 'low'],
  ['none', 'info'],
]);

/** Reads security_severity_level when the rule has one, else the rule's level. */
export function readAlertSeverity(rule: unknown): SeverityReading {
  const level = text(field(rule, 'security_severity_level'));
  const fromLevel = level === null ? undefined : SECURITY_LEVELS.get(level.toLowerCase());
  if (level !== null && fromLevel !== undefined) {
    return { severity: fromLevel, toolSeverity: level };
  }
  const ruleSeverity = text(field(rule, 'severity'));
  const fromRule = ruleSeverity === null ? undefined : RULE_LEVELS.get(ruleSeverity.toLowerCase());
  return { severity: fromRule ?? 'unknown', toolSeverity: ruleSeverity ?? level };
}
