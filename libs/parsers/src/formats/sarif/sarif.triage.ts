import type { TriageStatement } from '@sieve/contracts';
import { arr, field, str } from '../../json-access.js';

/**
 * Reads a triage statement from `suppressions`. The result is suppressed when
 * it has at least one suppression and every one of them is accepted. A missing
 * status means accepted, while "underReview" and "rejected" leave the result open.
 */
export function readSuppression(result: unknown): TriageStatement | null {
  const suppressions = arr(field(result, 'suppressions'));
  if (suppressions.length === 0) {
    return null;
  }
  const allAccepted = suppressions.every((suppression) => {
    const status = str(field(suppression, 'status'));
    return status === null || status === 'accepted';
  });
  if (!allAccepted) {
    return null;
  }
  const first = suppressions[0];
  const kind = str(field(first, 'kind'));
  return {
    state: 'suppressed',
    justification: str(field(first, 'justification')),
    detail: kind === null ? null : `suppressed ${kind === 'inSource' ? 'in source' : kind}`,
  };
}
