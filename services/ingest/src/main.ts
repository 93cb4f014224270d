import { runService } from '@sieve/platform';
import { ingestService } from './ingest.service.js';

await runService(ingestService);
