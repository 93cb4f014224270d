import type { Priority } from '@sieve/contracts';
import type { ScoringPolicy } from './scoring-policy.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The date by which a finding of this priority should be fixed: `firstSeen`
 * plus the policy's SLA days for the priority, as 24-hour days. Returns null
 * when the policy sets no deadline for the priority.
 */
export function slaDueDate(priority: Priority, firstSeen: Date, policy: Pick<ScoringPolicy, 'slaDays'>): Date | null {
  const days = policy.slaDays[priority];
  if (days === null) {
    return null;
  }
  return new Date(firstSeen.getTime() + days * DAY_MS);
}
