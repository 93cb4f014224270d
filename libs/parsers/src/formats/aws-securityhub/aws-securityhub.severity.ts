import type { Severity } from '@sieve/domain';
import { field, num, str } from '../../json-access.js';

export interface SeverityReading {
  severity: Severity;
  toolSeverity: string | null;
}

const LABELS = new Map<string, Severity>([
  ['CRITICAL', 'critical'],
  ['HIGH', 'high'],
  ['MEDIUM', 'medium'],
  ['LOW', 'low'],
  ['INFORMATIONAL', 'info'],
]);

/**
 * Reads Severity.Label, else FindingProviderFields.Severity.Label, else the
 * deprecated Severity.Normalized score with the bands ASFF defines for it
 * (0 informational, 1-39 low, 40-69 medium, 70-89 high, 90-100 critical).
 */
export function readAsffSeverity(finding: unknown): SeverityReading {
  for (const severity of [field(finding, 'Severity'), field(field(finding, 'FindingProviderFields'), 'Severity')]) {
    const label = str(field(severity, 'Label'));
    const mapped = label === null ? undefined : LABELS.get(label.toUpperCase());
    if (label !== null && mapped !== undefined) {
      return { severity: mapped, toolSeverity: label };
    }
  }
  const normalized = num(field(field(finding, 'Severity'), 'Normalized'));
  if (normalized === null || normalized < 0 || normalized > 100) {
    return { severity: 'unknown', toolSeverity: null };
  }
  return { severity: fromNormalized(normalized), toolSeverity: `Normalized ${normalized}` };
}

function fromNormalized(score: number): Severity {
  if (score >= 90) return 'critical';
  if (score >= 70) return 'high';
  if (score >= 40) return 'medium';
  if (score >= 1) return 'low';
  return 'info';
}
