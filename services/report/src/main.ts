import { runService } from '@sieve/platform';
import { reportService } from './report.service.js';

await runService(reportService);
