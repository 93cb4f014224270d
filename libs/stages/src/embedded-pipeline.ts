import { AvroSerde, InProcessSchemaRegistry, type AssetContext, type FindingChanged, type FindingEnriched, type NormalizedFinding, type ReportParsed, type ReportReceived, type VulnerabilityIntel } from '@sieve/contracts';
import { InMemoryBus, type ConsumedMessage, type OutgoingMessage } from '@sieve/messaging';
import { openDatabase, Repositories, UnitOfWork, type DatabaseOptions } from '@sieve/persistence';
import type { ScoringPolicy } from '@sieve/scoring';
import type { Logger } from '@sieve/telemetry';
import type { DataSource } from 'typeorm';
import { DedupHandler } from './dedup/dedup.handler.js';
import { rekeyStaleIdentities } from './dedup/identity-rekey.js';
import { LifecycleHandler } from './dedup/lifecycle.handler.js';
import { ContextHandler } from './enrich/context.handler.js';
import { EnrichHandler } from './enrich/enrich.handler.js';
import { IngestHandler, type IngestResult, type ReportSubmission } from './ingest/ingest.handler.js';
import { NormalizeHandler } from './normalize/normalize.handler.js';
import { toFindingView, type FindingView } from './report/finding-view.js';
import { ScoreHandler } from './score/score.handler.js';
import type { StageContext } from './stage-context.js';

export interface EmbeddedPipelineOptions {
  database: DatabaseOptions;
  logger: Logger;
  now?: () => Date;
  /** Findings per dedup transaction. */
  batchSize?: number;
  /** Scoring policy; the built-in default when absent. */
  policy?: ScoringPolicy;
  /** Complete scans in a row that must miss a finding before it is fixed; default 1. */
  closeAfterAbsences?: number;
  /** Size above which a report of a streamable format is read as a stream; the parsers' default when absent. */
  streamReportsAbove?: number;
}

/** Messages waiting downstream of normalize before it lets the other stages catch up. */
const STREAMED_BACKLOG = 5000;

/**
 * All six stages in one process over the in-memory bus: what `sieve run`
 * uses. Messages are still Avro-encoded between stages, and the database runs
 * the same migrations as the distributed services.
 */
export class EmbeddedPipeline {
  private constructor(
    readonly dataSource: DataSource,
    readonly bus: InMemoryBus,
    /** The database, clock and logger the stages share; commands that change findings run with it. */
    readonly context: StageContext,
    private readonly ingest: IngestHandler,
    private readonly logger: Logger,
  ) {}

  static async start(options: EmbeddedPipelineOptions): Promise<EmbeddedPipeline> {
    const dataSource = await openDatabase(options.database);
    const context: StageContext = {
      unitOfWork: new UnitOfWork(dataSource),
      now: options.now ?? (() => new Date()),
      logger: options.logger,
      closeAfterAbsences: options.closeAfterAbsences,
      streamReportsAbove: options.streamReportsAbove,
    };
    await rekeyStaleIdentities(context);
    const bus = new InMemoryBus(new AvroSerde(new InProcessSchemaRegistry()), {
      onDeadLetter: (letter, error) => options.logger.error({ topic: letter.topic, offset: letter.offset, group: letter.group, err: error }, 'message dead-lettered'),
    });

    const normalize = new NormalizeHandler(context);
    const dedup = new DedupHandler(context);
    const lifecycle = new LifecycleHandler(context);
    const enrich = new EnrichHandler(context);
    const contextHandler = new ContextHandler(context, enrich);
    const score = new ScoreHandler(context, options.policy);
    const forward = (producer: string, work: (messages: ConsumedMessage[]) => Promise<OutgoingMessage[]>) => async (messages: ConsumedMessage[]) => {
      await bus.publish(await work(messages), producer);
    };
    const values = <T>(messages: ConsumedMessage[]) => messages.map((message) => message.value as T);

    // Subscription order is stage order, so drain() pushes each batch downstream before taking the next.
    bus.subscribe({
      group: 'enrich-context',
      topics: ['sieve.asset.context.v1', 'sieve.intel.vulnerability.v1'],
      handler: forward('enrich', (messages) =>
        messages[0]!.topic === 'sieve.asset.context.v1' ? contextHandler.handleAssetContext(values<AssetContext>(messages)) : contextHandler.handleIntel(values<VulnerabilityIntel>(messages)),
      ),
    });
    bus.subscribe({
      group: 'normalize',
      topics: ['sieve.report.received.v1'],
      maxBatchSize: 1,
      handler: async (messages) => {
        // A large report's findings are taken downstream while it is still
        // being read, so the bus keeps no more than a few batches of it.
        await normalize.handle(messages[0]!.value as ReportReceived, async (batch) => {
          await bus.publish(batch, 'normalize');
          if (bus.backlog >= STREAMED_BACKLOG) {
            await bus.drain({ except: 'normalize' });
          }
        });
      },
    });
    bus.subscribe({
      group: 'dedup',
      topics: ['sieve.finding.normalized.v1', 'sieve.report.parsed.v1'],
      maxBatchSize: options.batchSize ?? 1000,
      handler: forward('dedup', async (messages) => {
        if (messages[0]!.topic === 'sieve.finding.normalized.v1') {
          return dedup.handle(values<NormalizedFinding>(messages));
        }
        return lifecycle.handleMany(values<ReportParsed>(messages));
      }),
    });
    bus.subscribe({ group: 'enrich', topics: ['sieve.finding.canonical.v1'], maxBatchSize: options.batchSize ?? 1000, handler: forward('enrich', (m) => enrich.handle(values<FindingChanged>(m))) });
    bus.subscribe({ group: 'score', topics: ['sieve.finding.enriched.v1'], maxBatchSize: options.batchSize ?? 1000, handler: forward('score', (m) => score.handle(values<FindingEnriched>(m))) });

    return new EmbeddedPipeline(dataSource, bus, context, new IngestHandler(context), options.logger);
  }

  async submit(submission: ReportSubmission): Promise<IngestResult> {
    const result = await this.ingest.submit(submission);
    await this.bus.publish(result.messages, 'ingest');
    return result;
  }

  async publishContext(contexts: AssetContext[], intel: VulnerabilityIntel[]): Promise<void> {
    await this.bus.publish(
      [...contexts.map((value) => ({ topic: 'sieve.asset.context.v1' as const, value })), ...intel.map((value) => ({ topic: 'sieve.intel.vulnerability.v1' as const, value }))],
      'context-loader',
    );
  }

  /** Publishes events that a command produced (a split, a triage decision) and runs them through the later stages. */
  async publishAndDrain(messages: OutgoingMessage[], producer: string): Promise<void> {
    await this.bus.publish(messages, producer);
    await this.bus.drain();
  }

  /** Processes every pending message through all stages. */
  drain(): Promise<void> {
    return this.bus.drain();
  }

  /** Visits the ranked queue over everything in the database, page by page, in rank order. */
  async visitQueue(visit: (page: FindingView[]) => Promise<void>, pageSize = 1000): Promise<number> {
    return new UnitOfWork(this.dataSource).run(async (repositories) => {
      let rank = 0;
      for await (const rows of repositories.queue.pages(pageSize)) {
        await visit(rows.map((row) => toFindingView(row, ++rank)));
      }
      return rank;
    });
  }

  /** Reads the whole ranked queue at once. */
  async queue(): Promise<FindingView[]> {
    const all: FindingView[] = [];
    await this.visitQueue(async (page) => {
      all.push(...page);
    });
    return all;
  }

  /** Outcome of one stored report, as recorded by normalize. */
  report(reportId: string) {
    return new Repositories(this.dataSource).reports.findById(reportId);
  }

  async close(): Promise<void> {
    await this.dataSource.destroy();
    this.logger.debug('embedded pipeline closed');
  }
}
