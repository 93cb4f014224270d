import type { Repositories, StoredSighting } from '@sieve/persistence';
import type { Sighting } from './sighting.js';

/**
 * Tells whether a sighting repeats its stored evidence exactly: same content
 * hash, evidence still present, finding not fixed and never split. Such a
 * sighting changes nothing but the evidence's report and the finding's
 * last_seen, so dedup confirms it without grouping, correlating or
 * rewriting rows.
 */
export function isUnchanged(sighting: Sighting, stored: StoredSighting | undefined): stored is StoredSighting {
  return (
    stored !== undefined &&
    stored.content_hash === sighting.contentHash &&
    stored.present &&
    stored.finding_status !== 'fixed' &&
    stored.separated_from.length === 0
  );
}

/**
 * Confirms unchanged sightings in one bulk statement. No canonical-finding
 * event is emitted for them: nothing that enrich and score read has changed,
 * and context or intel changes reach findings through enrich's own
 * re-emission.
 */
export async function confirmUnchanged(repositories: Repositories, sightings: Array<{ sighting: Sighting; stored: StoredSighting }>, now: Date): Promise<void> {
  await repositories.evidences.confirmUnchanged(
    sightings.map(({ sighting, stored }) => ({ id: stored.id, report_id: sighting.event.reportId, source_pointer: sighting.event.finding.sourcePointer })),
    now,
  );
}
