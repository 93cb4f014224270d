import { loadConfig } from '@sieve/config';
import type { ScoredFinding } from '@sieve/contracts';
import { Repositories } from '@sieve/persistence';
import type { ServiceDefinition } from '@sieve/platform';
import { FindingIndex } from '@sieve/search';
import { toFindingView } from '@sieve/stages';
import { z } from 'zod';
import { AssetsController } from './assets.controller.js';
import { toFindingDocument } from './finding-document.mapper.js';
import { FindingsController } from './findings.controller.js';
import { OpenApiController } from './openapi.controller.js';
import { FINDING_INDEX } from './report-tokens.js';

const reportConfigSchema = z.object({
  SIEVE_OPENSEARCH_URL: z.string().url().describe('OpenSearch base URL, for example http://127.0.0.1:9200.'),
  SIEVE_OPENSEARCH_ALIAS: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).default('sieve-findings').describe('Alias of the findings view.'),
});

let index: FindingIndex | null = null;

function findingIndex(): FindingIndex {
  if (index === null) {
    const config = loadConfig(reportConfigSchema);
    index = new FindingIndex({ url: config.SIEVE_OPENSEARCH_URL, alias: config.SIEVE_OPENSEARCH_ALIAS });
  }
  return index;
}

/** Keeps the OpenSearch findings view current from sieve.finding.scored.v1 and serves the report API. */
export const reportService: ServiceDefinition = {
  name: 'report',
  defaultPort: 3106,
  controllers: [FindingsController, AssetsController, OpenApiController],
  providers: () => [{ provide: FINDING_INDEX, useFactory: findingIndex }],
  async wire(context) {
    const view = findingIndex();
    await view.ensure();
    context.subscribe({
      group: 'sieve-report',
      topics: ['sieve.finding.scored.v1'],
      maxBatchSize: 1000,
      handler: async (messages) => {
        const scored = new Map(messages.map((message) => [(message.value as ScoredFinding).findingId, message.value as ScoredFinding]));
        const rows = await new Repositories(context.dataSource).queue.findByIds([...scored.keys()]);
        await view.indexMany(rows.map((row) => toFindingDocument(toFindingView(row, 0), new Date(scored.get(row.id)!.scoredAt).toISOString())));
      },
    });
  },
};
