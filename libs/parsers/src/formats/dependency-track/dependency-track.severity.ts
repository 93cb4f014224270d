import type { Severity, TriageStatement } from '@sieve/contracts';
import { field, str } from '../../json-access.js';
import type { ParseWarning } from '../../report-format.js';

// Dependency-Track's severity names; UNASSIGNED means no source rated it.
const DT_SEVERITIES = new Map<string, Severity>([
  ['CRITICAL', 'critical'],
  ['HIGH', 'high'],
  ['MEDIUM', 'medium'],
  ['LOW', 'low'],
  ['INFO', 'info'],
  ['UNASSIGNED', 'unknown'],
]);

/** Maps Dependency-Track's severity (CRITICAL, HIGH, MEDIUM, LOW, INFO, UNASSIGNED) to Sieve's scale. */
export function dependencyTrackSeverity(value: string | null): Severity {
  if (value === null) {
    return 'unknown';
  }
  return DT_SEVERITIES.get(value.toUpperCase()) ?? 'unknown';
}

// Dependency-Track analysis states to Sieve's triage states. NOT_SET is no decision.
const ANALYSIS_STATES = new Map<string, string | null>([
  ['NOT_SET', null],
  ['NOT_AFFECTED', 'not_affected'],
  ['FALSE_POSITIVE', 'false_positive'],
  ['EXPLOITABLE', 'affected'],
  ['IN_TRIAGE', 'under_investigation'],
  ['RESOLVED', 'fixed'],
]);

/**
 * Reads a finding's analysis as a triage statement. A suppressed finding
 * without an analysis state is "suppressed"; an unknown state is reported and
 * treated as no decision.
 */
export function readAnalysis(analysis: unknown, location: string, warnings: ParseWarning[]): TriageStatement | null {
  const state = str(field(analysis, 'state'));
  const suppressed = field(analysis, 'isSuppressed') === true;
  const justification = str(field(analysis, 'justification'));
  const detail = str(field(analysis, 'detail')) ?? str(field(analysis, 'details'));
  const mapped = state === null ? null : ANALYSIS_STATES.get(state.toUpperCase());
  if (mapped === undefined) {
    warnings.push({ message: `unknown analysis state "${state?.slice(0, 50)}" ignored`, location });
  }
  if (mapped !== undefined && mapped !== null) {
    return { state: mapped, justification: justification?.toLowerCase() ?? null, detail };
  }
  return suppressed ? { state: 'suppressed', justification: justification?.toLowerCase() ?? null, detail } : null;
}
