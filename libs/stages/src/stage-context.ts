import type { Logger } from '@sieve/telemetry';
import type { UnitOfWork } from '@sieve/persistence';

/** What every stage handler needs: the database, a clock and a logger. */
export interface StageContext {
  unitOfWork: UnitOfWork;
  now: () => Date;
  logger: Logger;
}
