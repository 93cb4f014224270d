import type { FindingView } from '@sieve/stages';
import type { InputView } from './run-output.js';

/**
 * Renders a run's output in pieces, so the queue can be written page by page
 * while it is read from the database: the start, then each page of findings
 * in rank order, then the end with the inputs.
 */
export interface QueueRenderer {
  start(): string;
  page(findings: FindingView[]): string;
  end(inputs: InputView[], findingCount: number): string;
}
