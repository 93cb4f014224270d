import type { FindingEnriched, ScoredFinding, SsvcOutcome } from '@sieve/contracts';
import { newId } from '@sieve/domain';
import type { OutgoingMessage } from '@sieve/messaging';
import type { FindingSummary } from '@sieve/persistence';
import { deriveSsvcInputs, DEFAULT_POLICY, scoreRisk, slaDueDate, ssvcDecision, type RiskScore, type ScoringPolicy } from '@sieve/scoring';
import type { StageContext } from '../stage-context.js';
import { riskInputOf } from './risk-input.js';

interface ScoredRow {
  finding: FindingSummary;
  context: FindingEnriched;
  risk: RiskScore;
  ssvc: SsvcOutcome;
  dueDate: string | null;
}

/**
 * Scores enriched findings with the active policy, takes the SSVC decision
 * and the SLA due date, and publishes them on sieve.finding.scored.v1, the
 * public contract downstream systems consume.
 */
export class ScoreHandler {
  constructor(
    private readonly context: StageContext,
    private readonly policy: ScoringPolicy = DEFAULT_POLICY,
  ) {}

  async handle(events: FindingEnriched[]): Promise<OutgoingMessage[]> {
    const now = this.context.now();
    const latest = new Map(events.map((event) => [event.findingId, event]));
    const scored = await this.context.unitOfWork.run(async (repositories) => {
      const findings = await repositories.findings.findSummaries([...latest.keys()]);
      const results = findings.map((finding) => this.score(finding, latest.get(finding.id)!));
      await repositories.findingContext.recordScores(
        results.map(({ finding, risk, ssvc, dueDate }) => ({
          id: finding.id,
          score: risk.score,
          priority: risk.priority,
          score_factors: risk.factors,
          reasons: risk.reasons,
          policy_version: risk.policyVersion,
          ssvc,
          sla_due_date: dueDate,
          scored_at: now,
        })),
      );
      return results;
    });
    return scored.map((row) => ({ topic: 'sieve.finding.scored.v1', value: scoredEvent(row, now) }));
  }

  private score(finding: FindingSummary, context: FindingEnriched): ScoredRow {
    const input = riskInputOf(finding, context);
    const risk = scoreRisk(input, this.policy);
    const points = deriveSsvcInputs(input);
    const due = slaDueDate(risk.priority, new Date(finding.first_seen), this.policy);
    return {
      finding,
      context,
      risk,
      ssvc: { decision: ssvcDecision(points), ...points },
      dueDate: due === null ? null : due.toISOString().slice(0, 10),
    };
  }
}

function scoredEvent({ finding, context, risk, ssvc, dueDate }: ScoredRow, now: Date): ScoredFinding {
  return {
    eventId: newId(),
    findingId: finding.id,
    identityKey: finding.identity_key,
    asset: finding.asset,
    status: finding.status as ScoredFinding['status'],
    category: finding.category,
    title: finding.title,
    severity: finding.severity,
    vulnerabilityIds: finding.vulnerability_ids,
    cwes: finding.cwes,
    packagePurl: finding.package_purl,
    cvssBaseScore: finding.cvss?.baseScore ?? null,
    owner: context.owner,
    score: risk.score,
    priority: risk.priority,
    factors: risk.factors,
    reasons: risk.reasons,
    policyVersion: risk.policyVersion,
    ssvc,
    slaDueDate: dueDate,
    scoredAt: now.getTime(),
  };
}
