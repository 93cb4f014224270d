import { runService } from '@sieve/platform';
import { enrichService } from './enrich.service.js';

await runService(enrichService);
