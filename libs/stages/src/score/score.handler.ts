import type { FindingEnriched, ScoredFinding, Severity } from '@sieve/contracts';
import { newId } from '@sieve/domain';
import type { OutgoingMessage } from '@sieve/messaging';
import { DEFAULT_POLICY, scoreRisk, type ScoringPolicy } from '@sieve/scoring';
import type { StageContext } from '../stage-context.js';

/**
 * Scores enriched findings with the active policy and publishes them on
 * sieve.finding.scored.v1, the public contract downstream systems consume.
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
      const results = findings.map((finding) => {
        const context = latest.get(finding.id)!;
        const risk = scoreRisk(
          {
            severity: finding.severity as Severity,
            cvss: finding.cvss,
            exposure: context.exposure,
            exposureSource: context.exposureSource,
            dataClasses: context.dataClasses,
            criticality: context.criticality,
            kev: context.kev,
          },
          this.policy,
        );
        return { finding, context, risk };
      });
      await repositories.findingContext.recordScores(
        results.map(({ finding, risk }) => ({
          id: finding.id,
          score: risk.score,
          priority: risk.priority,
          score_factors: risk.factors,
          reasons: risk.reasons,
          policy_version: risk.policyVersion,
          scored_at: now,
        })),
      );
      return results;
    });

    return scored.map(({ finding, context, risk }) => ({
      topic: 'sieve.finding.scored.v1',
      value: {
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
        scoredAt: now.getTime(),
      } satisfies ScoredFinding,
    }));
  }
}
