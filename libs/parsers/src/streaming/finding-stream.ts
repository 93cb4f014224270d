import type { ParsedFinding } from '@sieve/contracts';
import type { ParseResult } from '../report-format.js';

/** Everything a parse returns except the findings: tool, warnings, asset, completeness, components, secret values. */
export type ParseSummary = Omit<ParseResult, 'findings'>;

/**
 * The findings of one report, yielded as they are parsed. It can be iterated
 * once. `summary` is set when the iteration has read the last finding. An
 * error thrown during the iteration rejects the whole report, including the
 * findings yielded before it.
 */
export interface FindingStream extends AsyncIterable<ParsedFinding> {
  /** The report-level result. Throws when read before the last finding. */
  readonly summary: ParseSummary;
}

/** Wraps a generator that yields findings and returns the summary. */
export function findingStream(produce: () => AsyncGenerator<ParsedFinding, ParseSummary>): FindingStream {
  return new GeneratedFindingStream(produce);
}

class GeneratedFindingStream implements FindingStream {
  private started = false;
  private result: ParseSummary | null = null;

  constructor(private readonly produce: () => AsyncGenerator<ParsedFinding, ParseSummary>) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<ParsedFinding> {
    if (this.started) {
      throw new Error('a finding stream can be iterated only once');
    }
    this.started = true;
    this.result = yield* this.produce();
  }

  get summary(): ParseSummary {
    if (this.result === null) {
      throw new Error('the summary of a finding stream is available only after its last finding has been read');
    }
    return this.result;
  }
}
