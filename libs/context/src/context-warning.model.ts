import type { ReportWarning } from '@sieve/contracts';

/**
 * A problem in one context file that was skipped or left a value unset while
 * the rest of the file still loaded. `location` is `<file>:<line>` when the
 * line is known, else the file alone.
 */
export type ContextWarning = ReportWarning;
