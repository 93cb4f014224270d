// Rebuilds the OpenSearch findings view from PostgreSQL: fills a new index
// version page by page, then moves the alias to it in one step. Reads the
// report service's environment (SIEVE_DATABASE_URL, SIEVE_DATABASE_SCHEMA,
// SIEVE_OPENSEARCH_URL, SIEVE_OPENSEARCH_ALIAS).
// Usage: node --import tsx services/report/src/rebuild-views.ts
import { loadConfig } from '@sieve/config';
import { openDatabase, UnitOfWork } from '@sieve/persistence';
import { FindingIndex, type FindingDocument } from '@sieve/search';
import { toFindingView } from '@sieve/stages';
import { z } from 'zod';
import { toFindingDocument } from './finding-document.mapper.js';

const config = loadConfig(
  z.object({
    SIEVE_DATABASE_URL: z.string().url(),
    SIEVE_DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
    SIEVE_OPENSEARCH_URL: z.string().url(),
    SIEVE_OPENSEARCH_ALIAS: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).default('sieve-findings'),
  }),
);

const dataSource = await openDatabase({ kind: 'postgres', url: config.SIEVE_DATABASE_URL, schema: config.SIEVE_DATABASE_SCHEMA });
const index = new FindingIndex({ url: config.SIEVE_OPENSEARCH_URL, alias: config.SIEVE_OPENSEARCH_ALIAS });
try {
  const result = await new UnitOfWork(dataSource).run(async (repositories) => {
    async function* documents(): AsyncGenerator<FindingDocument[]> {
      for await (const rows of repositories.queue.pages(1000)) {
        yield rows.map((row) => toFindingDocument(toFindingView(row, 0), row.scored_at ? new Date(row.scored_at).toISOString() : null));
      }
    }
    return index.rebuild(documents());
  });
  process.stdout.write(`rebuilt ${result.index} with ${result.documents} findings\n`);
} finally {
  await dataSource.destroy();
}
