import type { TriageStatement } from '@sieve/contracts';
import { field, str } from '../../json-access.js';
import type { ParseWarning } from '../../report-format.js';

// CycloneDX impact analysis states (vulnerability.analysis.state) to Sieve's triage states.
const ANALYSIS_STATES = new Map<string, string>([
  ['not_affected', 'not_affected'],
  ['false_positive', 'false_positive'],
  ['exploitable', 'affected'],
  ['in_triage', 'under_investigation'],
  ['resolved', 'fixed'],
  ['resolved_with_pedigree', 'fixed'],
]);

/**
 * Reads vulnerability.analysis as a triage statement, or null when there is
 * none. A state outside the CycloneDX list is reported and ignored.
 */
export function readAnalysis(analysis: unknown, location: string, warnings: ParseWarning[]): TriageStatement | null {
  const state = str(field(analysis, 'state'));
  if (state === null) {
    return null;
  }
  const mapped = ANALYSIS_STATES.get(state.toLowerCase());
  if (mapped === undefined) {
    warnings.push({ message: `unknown analysis state "${state.slice(0, 50)}" ignored`, location });
    return null;
  }
  return { state: mapped, justification: str(field(analysis, 'justification')), detail: str(field(analysis, 'detail')) };
}
