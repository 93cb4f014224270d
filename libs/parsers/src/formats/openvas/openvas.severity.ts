import type { Severity } from '@sieve/domain';
import { severityFromCvssScore } from '@sieve/domain';

// Threat levels of GVM / OpenVAS results. Log and Debug results are
// observations (open ports, detected products), not flaws.
const THREATS = new Map<string, Severity>([
  ['critical', 'critical'],
  ['high', 'high'],
  ['medium', 'medium'],
  ['low', 'low'],
  ['log', 'info'],
  ['debug', 'info'],
]);

/**
 * Maps the threat word of a result. Without a known word, the severity score
 * (a CVSS base score, 0-10) decides. Returns unknown when neither is usable.
 */
export function openvasSeverity(threat: string | null, score: string | null): Severity {
  const fromThreat = threat === null ? undefined : THREATS.get(threat.toLowerCase());
  if (fromThreat !== undefined) {
    return fromThreat;
  }
  const value = score === null ? NaN : Number(score);
  return Number.isFinite(value) && value >= 0 && value <= 10 ? severityFromCvssScore(value) : 'unknown';
}
