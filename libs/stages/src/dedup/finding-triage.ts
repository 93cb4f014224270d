import { newId, SieveError } from '@sieve/domain';
import type { OutgoingMessage } from '@sieve/messaging';
import type { FindingEventRow, HumanFieldValues, Repositories, TriageDecision } from '@sieve/persistence';
import type { StageContext } from '../stage-context.js';
import { canonicalMessage } from './canonical-message.js';

export const TRIAGE_STATUSES = ['false_positive', 'risk_accepted', 'suppressed', 'open'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

export interface TriageRequest {
  findingId: string;
  status: TriageStatus;
  reason: string;
  actor: string;
  approver: string | null;
  /** End of a risk acceptance; required for risk_accepted and rejected otherwise. */
  expiresAt: Date | null;
}

export interface EditRequest {
  findingId: string;
  values: HumanFieldValues;
  reason: string;
  actor: string;
}

/** A triage decision or edit that cannot be applied: an unknown finding or an invalid request. */
export class TriageRejectedError extends SieveError {
  constructor(code: 'finding_not_found' | 'invalid_request', message: string) {
    super(code, message, false);
  }
}

/**
 * Applies a person's triage decision to a finding and records it as a
 * finding event with who and why. A risk acceptance needs an approver and an
 * expiry in the future. The decision survives rescans and merges, because
 * dedup never changes the status of a triaged finding, and complete scans
 * close only open and reopened findings.
 */
export async function triageFinding(context: StageContext, request: TriageRequest): Promise<OutgoingMessage[]> {
  const now = context.now();
  validateTriage(request, now);
  return context.unitOfWork.run(async (repositories) => {
    const [state] = await repositories.findings.findStates([request.findingId]);
    if (state === undefined) throw new TriageRejectedError('finding_not_found', `finding ${request.findingId} not found`);

    const decision: TriageDecision = {
      status: request.status,
      reason: request.reason,
      actor: request.actor,
      approver: request.approver,
      expiresAt: request.expiresAt?.toISOString() ?? null,
      decidedAt: now.toISOString(),
    };
    await repositories.findingTriage.applyDecision(state.id, decision);
    await repositories.findingEvents.insertMany([personEvent(state.id, 'status_changed', state.status, request.status, triageCause(request), request.actor, now)]);
    context.logger.info({ findingId: state.id, from: state.status, to: request.status, actor: request.actor }, 'finding triaged');
    return [canonicalMessage({ ...state, status: request.status }, 'updated', null, now)];
  });
}

/** Sets tool-supplied fields by hand; later sightings keep the person's values for these fields. */
export async function editFinding(context: StageContext, request: EditRequest): Promise<OutgoingMessage[]> {
  const now = context.now();
  const names = Object.keys(request.values);
  if (names.length === 0) throw new TriageRejectedError('invalid_request', 'nothing to change; give at least one field');
  if (request.reason.trim() === '') throw new TriageRejectedError('invalid_request', 'a reason is required');
  return context.unitOfWork.run(async (repositories) => {
    const [state] = await repositories.findings.findStates([request.findingId]);
    if (state === undefined) throw new TriageRejectedError('finding_not_found', `finding ${request.findingId} not found`);
    await repositories.findingTriage.applyHumanFields(state.id, request.values);
    const cause = `${names.map((name) => `${name} set to ${JSON.stringify(request.values[name as keyof HumanFieldValues])}`).join(', ')}: ${request.reason}`;
    await repositories.findingEvents.insertMany([personEvent(state.id, 'edited', null, null, cause, request.actor, now)]);
    return [canonicalMessage(state, 'updated', null, now)];
  });
}

/**
 * Reopens the risk acceptances of these assets whose expiry has passed, with
 * a status_changed event each. The lifecycle handler runs it for the asset of
 * every parsed report, complete or partial, so an expired acceptance reopens
 * on the next scan of its asset.
 */
export async function reopenExpiredAcceptances(repositories: Repositories, assets: string[], reportId: string, now: Date): Promise<OutgoingMessage[]> {
  const reopened = await repositories.findingTriage.reopenExpired([...new Set(assets)], now);
  await repositories.findingEvents.insertMany(
    reopened.map((finding) =>
      personEvent(finding.id, 'status_changed', 'risk_accepted', 'open', `risk acceptance by ${finding.triage.actor} (approved by ${finding.triage.approver ?? 'nobody'}) expired at ${finding.triage.expiresAt}`, 'sieve:dedup', now),
    ),
  );
  return reopened.map((finding) => canonicalMessage(finding, 'updated', reportId, now));
}

function validateTriage(request: TriageRequest, now: Date): void {
  if (!TRIAGE_STATUSES.includes(request.status)) {
    throw new TriageRejectedError('invalid_request', `status ${String(request.status)} is not one of ${TRIAGE_STATUSES.join(', ')}`);
  }
  if (request.reason.trim() === '') throw new TriageRejectedError('invalid_request', 'a reason is required');
  if (request.status !== 'risk_accepted') {
    if (request.expiresAt !== null) throw new TriageRejectedError('invalid_request', 'an expiry date is only for risk_accepted');
    if (request.approver !== null) throw new TriageRejectedError('invalid_request', 'an approver is only for risk_accepted');
    return;
  }
  if (request.approver === null || request.approver.trim() === '') throw new TriageRejectedError('invalid_request', 'risk_accepted needs an approver');
  if (request.expiresAt === null) throw new TriageRejectedError('invalid_request', 'risk_accepted needs an expiry date');
  if (request.expiresAt.getTime() <= now.getTime()) {
    // The acceptance runs through the expiry day, so the day itself is what the person gave.
    const day = new Date(request.expiresAt.getTime() - 1).toISOString().slice(0, 10);
    throw new TriageRejectedError('invalid_request', `expiry date ${day} has passed; risk acceptance needs a date from today on`);
  }
}

function triageCause(request: TriageRequest): string {
  if (request.status !== 'risk_accepted') return request.reason;
  return `${request.reason} (approved by ${request.approver}, until ${request.expiresAt!.toISOString()})`;
}

function personEvent(findingId: string, type: FindingEventRow['type'], from: string | null, to: string | null, cause: string, actor: string, now: Date): FindingEventRow {
  return { id: newId(), finding_id: findingId, type, from_status: from, to_status: to, cause, actor, report_id: null, occurred_at: now };
}
