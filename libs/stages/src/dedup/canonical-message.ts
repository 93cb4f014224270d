import type { FindingChange, FindingChanged, FindingStatus } from '@sieve/contracts';
import { newId } from '@sieve/domain';
import type { OutgoingMessage } from '@sieve/messaging';
import type { FindingState } from '@sieve/persistence';

/** Builds the canonical-finding event that enrich and score consume after a finding changed. */
export function canonicalMessage(state: FindingState, change: FindingChange, reportId: string | null, now: Date): OutgoingMessage {
  return {
    topic: 'sieve.finding.canonical.v1',
    value: {
      eventId: newId(),
      findingId: state.id,
      identityKey: state.identity_key,
      asset: state.asset,
      change,
      status: state.status as FindingStatus,
      reportId,
      occurredAt: now.getTime(),
    } satisfies FindingChanged,
  };
}
