import type { FindingStatus, NormalizedFinding } from '@sieve/contracts';
import { identityOf, type FindingIdentity } from '@sieve/dedup';

/** One tool's report of a finding, with the keys that identify it. */
export interface Sighting {
  event: NormalizedFinding;
  identity: FindingIdentity;
}

export function toSighting(event: NormalizedFinding): Sighting {
  return { event, identity: identityOf(event) };
}

/**
 * Maps a triage statement inside a report to a finding status. Statements
 * that a finding is affected or still under investigation leave it open.
 */
export function statusFromTriage(event: NormalizedFinding): FindingStatus | null {
  switch (event.finding.triage?.state) {
    case 'not_affected':
      return 'not_affected';
    case 'false_positive':
      return 'false_positive';
    case 'suppressed':
      return 'suppressed';
    default:
      return null;
  }
}
