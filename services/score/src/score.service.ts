import type { FindingEnriched } from '@sieve/contracts';
import type { ServiceDefinition } from '@sieve/platform';
import { ScoreHandler } from '@sieve/stages';

/** Scores enriched findings and publishes the public sieve.finding.scored.v1 contract. */
export const scoreService: ServiceDefinition = {
  name: 'score',
  defaultPort: 3105,
  wire(context) {
    const score = new ScoreHandler(context.stage);
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
