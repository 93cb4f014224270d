import { runService } from '@sieve/platform';
import { normalizeService } from './normalize.service.js';

await runService(normalizeService);
