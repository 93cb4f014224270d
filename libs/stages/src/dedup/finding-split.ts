import { newId, SieveError } from '@sieve/domain';
import type { OutgoingMessage } from '@sieve/messaging';
import type { EvidenceProvenance, FindingRow, Repositories } from '@sieve/persistence';
import type { StageContext } from '../stage-context.js';
import { canonicalMessage } from './canonical-message.js';

export interface SplitRequest {
  findingId: string;
  evidenceId: string;
  actor: string;
  reason: string;
}

export interface SplitOutcome {
  newFindingId: string;
  /** Identity keys that moved with the evidence because no other evidence of the finding has them. */
  movedKeys: string[];
  /** Canonical-finding events for both findings, so enrich and score follow. */
  messages: OutgoingMessage[];
}

/** A split that cannot be made: an unknown finding or evidence, or the finding's only evidence. */
export class SplitRejectedError extends SieveError {
  constructor(code: 'finding_not_found' | 'evidence_not_found' | 'only_evidence', message: string) {
    super(code, message, false);
  }
}

/**
 * Moves one evidence off a finding into a new finding of its own, and
 * records the split so that dedup never merges that sighting back into the
 * old finding. The identity keys only this evidence produced move with it.
 * The new finding copies the old one's fields, with the evidence's rule,
 * location and severity, and starts open.
 */
export async function splitEvidence(context: StageContext, request: SplitRequest): Promise<SplitOutcome> {
  const now = context.now();
  return context.unitOfWork.run(async (repositories) => {
    const [finding] = await repositories.findings.findByIds([request.findingId]);
    if (finding === undefined) {
      throw new SplitRejectedError('finding_not_found', `finding ${request.findingId} not found`);
    }
    const evidences = await repositories.evidences.findProvenance(finding.id);
    const evidence = evidences.find((candidate) => candidate.id === request.evidenceId);
    if (evidence === undefined) {
      throw new SplitRejectedError('evidence_not_found', `evidence ${request.evidenceId} is not an evidence of finding ${finding.id}; run "sieve finding explain ${finding.id}" to list them`);
    }
    if (evidences.length === 1) {
      throw new SplitRejectedError('only_evidence', `evidence ${evidence.id} is the only evidence of finding ${finding.id}, so there is nothing to split`);
    }

    const newFindingId = newId();
    await repositories.findings.insertMany([splitFindingRow(finding, evidence, newFindingId)]);
    const otherKeys = new Set(evidences.filter((other) => other.id !== evidence.id).flatMap((other) => other.identity_keys));
    const movedKeys = await repositories.findingKeys.reassign(evidence.identity_keys.filter((key) => !otherKeys.has(key)), finding.id, newFindingId);
    await repositories.evidences.moveToFinding(evidence.id, newFindingId, {
      match_rule: 'split',
      matched_key: `finding:${finding.id}`,
      match_version: 1,
      match_detail: { kind: 'split', fromFindingId: finding.id, actor: request.actor, reason: request.reason, before: { rule: evidence.match_rule, key: evidence.matched_key, detail: evidence.match_detail } },
    });
    await repositories.findingSplits.insert({ id: newId(), sighting_key: evidence.sighting_key, evidence_id: evidence.id, from_finding_id: finding.id, to_finding_id: newFindingId, actor: request.actor, reason: request.reason, created_at: now });
    // The old finding may have shown the split-off tool's title and location.
    const remaining = evidences.find((other) => other.id !== evidence.id)!;
    await repositories.findings.adoptEvidenceFields(finding.id, { title: remaining.title, rule_id: remaining.rule_id, location: remaining.location });
    await repositories.findings.recomputeSeverity([finding.id, newFindingId]);
    await repositories.findingEvents.insertMany([
      splitEvent(finding.id, `${evidence.tool_name} evidence ${evidence.id} split off into finding ${newFindingId}: ${request.reason}`, request.actor, now),
      { ...splitEvent(newFindingId, `split off finding ${finding.id}: ${request.reason}`, request.actor, now), type: 'created', to_status: 'open' },
    ]);
    context.logger.info({ findingId: finding.id, evidenceId: evidence.id, newFindingId, actor: request.actor }, 'evidence split into a new finding');
    return { newFindingId, movedKeys, messages: await changedMessages(repositories, [finding.id, newFindingId], newFindingId, evidence.report_id, now) };
  });
}

function splitFindingRow(finding: FindingRow, evidence: EvidenceProvenance, id: string): FindingRow {
  return {
    ...finding,
    id,
    identity_key: `split|${evidence.id}`,
    title: evidence.title ?? finding.title,
    rule_id: evidence.rule_id,
    location: evidence.location,
    status: 'open',
    first_seen: evidence.first_observed_at,
    last_seen: evidence.observed_at,
    fixed_at: null,
    reopen_count: 0,
  };
}

function splitEvent(findingId: string, cause: string, actor: string, now: Date) {
  return { id: newId(), finding_id: findingId, type: 'split' as const, from_status: null, to_status: null, cause, actor, report_id: null, occurred_at: now };
}

async function changedMessages(repositories: Repositories, findingIds: string[], created: string, reportId: string, now: Date): Promise<OutgoingMessage[]> {
  const states = await repositories.findings.findStates(findingIds);
  return states.map((state) => canonicalMessage(state, state.id === created ? 'created' : 'updated', reportId, now));
}
