import type { Cvss, KevListing, Priority, ScoreFactor, Severity } from '@sieve/contracts';
import { DEFAULT_POLICY, type ScoringPolicy } from './scoring-policy.js';

export interface RiskInput {
  severity: Severity;
  cvss: Cvss | null;
  exposure: 'internet' | 'partner' | 'internal' | 'unknown';
  exposureSource: string | null;
  dataClasses: string[];
  criticality: string | null;
  kev: KevListing | null;
}

export interface RiskScore {
  score: number;
  priority: Priority;
  factors: ScoreFactor[];
  reasons: string[];
  policyVersion: string;
}

const DATA_CLASS_LABELS: Record<string, string> = { pci: 'PCI', phi: 'PHI', pii: 'PII', credentials: 'credentials' };

/**
 * Computes a 0-100 risk score as a sum of named factors: intrinsic severity
 * (CVSS base score, or the severity's equivalent), exploitation (CISA KEV),
 * exposure of the asset, and impact (data classes and business criticality).
 * Each factor is returned with its value, points and source, and each
 * non-zero factor with a plain-language reason.
 */
export function scoreRisk(input: RiskInput, policy: ScoringPolicy = DEFAULT_POLICY): RiskScore {
  const factors: ScoreFactor[] = [];
  const reasons: string[] = [];

  const base = input.cvss?.baseScore ?? policy.severityEquivalent[input.severity];
  factors.push({
    name: 'intrinsic',
    value: input.cvss ? `CVSS ${input.cvss.version} ${input.cvss.baseScore}` : `severity ${input.severity}`,
    points: round(base * policy.pointsPerCvssPoint),
    source: input.cvss ? `cvss:${input.cvss.source ?? 'report'}` : 'report severity',
  });
  reasons.push(
    input.cvss
      ? `CVSS ${input.cvss.version} base score ${input.cvss.baseScore} (${input.severity})`
      : input.severity === 'unknown'
        ? 'severity unknown: the tool gave none'
        : `${input.severity} severity (no CVSS vector)`,
  );

  if (input.kev) {
    const points = policy.kevPoints + (input.kev.knownRansomwareUse ? policy.ransomwarePoints : 0);
    factors.push({ name: 'exploitation', value: `CISA KEV ${input.kev.vulnerabilityId}`, points, source: 'cisa-kev' });
    reasons.push(`in CISA KEV since ${input.kev.dateAdded}${input.kev.knownRansomwareUse ? ', used in ransomware campaigns' : ''}`);
  }

  const exposurePoints = policy.exposurePoints[input.exposure];
  factors.push({ name: 'exposure', value: input.exposure, points: exposurePoints, source: input.exposureSource ?? 'none' });
  if (input.exposure === 'internet') reasons.push('internet-facing');
  if (input.exposure === 'partner') reasons.push('exposed to partners');
  if (input.exposure === 'internal') reasons.push('internal only');

  const dataClasses = input.dataClasses.filter((dataClass) => dataClass in policy.dataClassPoints);
  const dataPoints = Math.min(policy.maxDataPoints, dataClasses.reduce((sum, dataClass) => sum + (policy.dataClassPoints[dataClass] ?? 0), 0));
  if (dataPoints > 0) {
    factors.push({ name: 'data', value: dataClasses.join(','), points: dataPoints, source: 'asset context' });
    reasons.push(`service handles ${dataClasses.map((dataClass) => DATA_CLASS_LABELS[dataClass] ?? dataClass).join(' and ')} data`);
  }

  const criticalityPoints = input.criticality ? (policy.criticalityPoints[input.criticality] ?? 0) : 0;
  if (criticalityPoints > 0) {
    factors.push({ name: 'criticality', value: input.criticality!, points: criticalityPoints, source: 'asset context' });
    reasons.push(`${input.criticality} business criticality`);
  }

  const score = round(Math.max(0, Math.min(100, factors.reduce((sum, factor) => sum + factor.points, 0))));
  return { score, priority: priorityOf(score, policy), factors, reasons, policyVersion: policy.version };
}

function priorityOf(score: number, policy: ScoringPolicy): Priority {
  for (const [priority, threshold] of policy.priorityThresholds) {
    if (score >= threshold) return priority;
  }
  return 'P5';
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
