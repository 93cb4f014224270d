import { createHash } from 'node:crypto';
import type { FindingStatus, NormalizedFinding } from '@sieve/contracts';
import { identityOf, type FindingIdentity } from '@sieve/dedup';

/** One tool's report of a finding, with the keys that identify it. */
export interface Sighting {
  event: NormalizedFinding;
  identity: FindingIdentity;
  /** Hash of everything the tool reported except where in the report the finding sits, to recognise an unchanged rescan. */
  contentHash: string;
}

export function toSighting(event: NormalizedFinding): Sighting {
  const reported = { ...event.finding, sourcePointer: '' };
  const contentHash = createHash('sha256').update(JSON.stringify([event.scope, reported])).digest('hex');
  return { event, identity: identityOf(event), contentHash };
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
