import type { Logger } from '@sieve/telemetry';
import type { UnitOfWork } from '@sieve/persistence';

/** What every stage handler needs: the database, a clock and a logger. */
export interface StageContext {
  unitOfWork: UnitOfWork;
  now: () => Date;
  logger: Logger;
  /**
   * Complete scans in a row that must miss a tool's evidence before it counts
   * as absent, so its finding can be fixed. Default 1.
   */
  closeAfterAbsences?: number;
  /** Size above which normalize streams a report of a streamable format; the parsers' default when absent. */
  streamReportsAbove?: number;
}
