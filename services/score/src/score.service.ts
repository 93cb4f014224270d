import type { FindingEnriched } from '@sieve/contracts';
import type { ServiceDefinition } from '@sieve/platform';
import { DEFAULT_POLICY, loadScoringPolicy, type ScoringPolicy } from '@sieve/scoring';
import { ScoreHandler } from '@sieve/stages';

/** Loads the policy file named by SIEVE_POLICY_FILE, or returns the built-in default. A bad file stops the service with its error. */
function activePolicy(): ScoringPolicy {
  const file = process.env['SIEVE_POLICY_FILE'];
  return file ? loadScoringPolicy(file) : DEFAULT_POLICY;
}

/** Scores enriched findings and publishes the public sieve.finding.scored.v1 contract. */
export const scoreService: ServiceDefinition = {
  name: 'score',
  defaultPort: 3105,
  wire(context) {
    const policy = activePolicy();
    context.logger.info({ policyVersion: policy.version }, 'scoring policy loaded');
    const score = new ScoreHandler(context.stage, policy);
    context.subscribe({
      group: 'sieve-score',
      topics: ['sieve.finding.enriched.v1'],
      maxBatchSize: 1000,
      handler: async (messages) => {
        await context.bus.publish(await score.handle(messages.map((message) => message.value as FindingEnriched)), 'score');
      },
    });
  },
};
