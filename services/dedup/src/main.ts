import { runService } from '@sieve/platform';
import { dedupService } from './dedup.service.js';

await runService(dedupService);
