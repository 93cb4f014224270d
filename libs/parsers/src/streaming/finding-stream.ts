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
  /**
   * The asset the report names, as far as it has been read. A consumer that
   * files findings before the report ends reads it at the first finding; the
   * summary's assetName is the final word.
   */
  readonly assetName: string | null;
  /**
   * Secret values seen so far. When a report breaks partway, these are the
   * ones to redact from the stored copy; otherwise the summary has them all.
   */
  readonly secretValues: readonly string[];
}

/** Report-level values a parser has found before it has read the whole report. */
export interface StreamProgress {
  assetName: string | null;
  secretValues: string[];
}

/** Wraps a generator that yields findings and returns the summary. */
export function findingStream(produce: (progress: StreamProgress) => AsyncGenerator<ParsedFinding, ParseSummary>): FindingStream {
  return new GeneratedFindingStream(produce);
}

/** Wraps findings already in memory as a stream, for reports read whole. */
export function findingsInMemory(findings: readonly ParsedFinding[], summary: ParseSummary): FindingStream {
  return findingStream(async function* (progress) {
    progress.assetName = summary.assetName;
    progress.secretValues = summary.secretValues;
    yield* findings;
    return summary;
  });
}

class GeneratedFindingStream implements FindingStream {
  private started = false;
  private result: ParseSummary | null = null;
  private readonly progress: StreamProgress = { assetName: null, secretValues: [] };

  constructor(private readonly produce: (progress: StreamProgress) => AsyncGenerator<ParsedFinding, ParseSummary>) {}

  get assetName(): string | null {
    return this.result?.assetName ?? this.progress.assetName;
  }

  get secretValues(): readonly string[] {
    return this.result?.secretValues ?? this.progress.secretValues;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ParsedFinding> {
    if (this.started) {
      throw new Error('a finding stream can be iterated only once');
    }
    this.started = true;
    this.result = yield* this.produce(this.progress);
  }

  get summary(): ParseSummary {
    if (this.result === null) {
      throw new Error('the summary of a finding stream is available only after its last finding has been read');
    }
    return this.result;
  }
}
