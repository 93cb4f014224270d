import { runService } from '@sieve/platform';
import { scoreService } from './score.service.js';

await runService(scoreService);
