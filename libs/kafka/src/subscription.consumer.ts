import { performance } from 'node:perf_hooks';
import kafkajs, { type EachBatchPayload, type KafkaMessage } from 'kafkajs';
import { DecodeError, type AvroSerde, type TopicName } from '@sieve/contracts';
import { HEADER_EVENT_ID, type ConsumedMessage, type Subscription } from '@sieve/messaging';
import type { Logger } from '@sieve/telemetry';
import type { BusMetrics } from './bus-metrics.js';
import type { DeadLetterPublisher, FailedMessage } from './dead-letter.publisher.js';
import { headersToText } from './kafka-headers.js';
import { backoffDelayMs, isRetriable, waitUnlessAborted, type RetryPolicy } from './retry-policy.js';
import type { TopicNames } from './topic-names.js';

// kafkajs is CommonJS and Node's ESM loader does not see every named export, so these come from the default export.
const { KafkaJSError } = kafkajs;

export interface SubscriptionConsumerOptions {
  subscription: Subscription;
  serde: AvroSerde;
  names: TopicNames;
  retry: RetryPolicy;
  metrics: BusMetrics;
  deadLetters: DeadLetterPublisher;
  logger: Logger;
  /** Aborted when the bus stops: no new handler call starts and backoff waits end. */
  stopSignal: AbortSignal;
}

interface Delivery {
  raw: KafkaMessage;
  message: ConsumedMessage;
}

type Outcome = { handled: true } | { handled: false; error: unknown; attempts: number };

/** Thrown inside a batch when the bus stops before the batch is done; its offsets stay uncommitted. */
class BatchAbandoned extends Error {}

/**
 * Hands a batch back to kafkajs uncommitted when no message is at fault (the
 * registry or the dead-letter topic is unreachable). As a retriable
 * KafkaJSError, kafkajs fetches the batch again after its own backoff and
 * does not log it a second time.
 */
class BatchHandedBack extends KafkaJSError {
  override readonly name = 'BatchHandedBack';

  constructor(cause: unknown) {
    super(cause instanceof Error ? cause : String(cause), { retriable: true });
  }
}

const DEFAULT_MAX_BATCH_SIZE = 500;

/**
 * Runs one subscription's handler on the batches kafkajs fetches (one topic
 * partition each). A batch is split into chunks of at most maxBatchSize
 * messages. Each chunk is decoded and handled, and its offsets are committed
 * only when the handler has resolved or every failing message is in the
 * dead-letter topic. A chunk that fails after its retries is handled again one
 * message at a time, so one bad message does not take its neighbours down.
 */
export class SubscriptionConsumer {
  private readonly maxBatchSize: number;

  constructor(private readonly options: SubscriptionConsumerOptions) {
    this.maxBatchSize = options.subscription.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
  }

  /** The kafkajs `eachBatch` callback (run with eachBatchAutoResolve and autoCommit off). */
  async consumeBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const topic = this.options.names.logical(batch.topic);

    for (let start = 0; start < batch.messages.length; start += this.maxBatchSize) {
      if (!payload.isRunning() || payload.isStale()) {
        return;
      }
      const chunk = batch.messages.slice(start, start + this.maxBatchSize);
      const started = performance.now();
      this.options.metrics.add(topic, 'consumed', chunk.length);

      try {
        await this.processChunk(topic, batch.partition, chunk, payload);
      } catch (error) {
        if (error instanceof BatchAbandoned) {
          this.options.logger.info(this.fieldsOf(topic, batch.partition, chunk[0]!), 'bus stopping: batch left uncommitted, it will be delivered again');
          return;
        }
        throw error;
      }

      const lastOffset = chunk[chunk.length - 1]!.offset;
      // The last chunk commits past the batch's last offset, which can be a transaction
      // marker that kafkajs filters out before eachBatch.
      const committedOffset = start + this.maxBatchSize >= batch.messages.length ? batch.lastOffset() : lastOffset;
      payload.resolveOffset(lastOffset);
      await payload.commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(committedOffset) + 1n).toString() }] }],
      });
      this.options.metrics.observeBatchLatency((performance.now() - started) / 1000);
      await payload.heartbeat();
    }
  }

  private async processChunk(topic: TopicName, partition: number, chunk: KafkaMessage[], payload: EachBatchPayload): Promise<void> {
    const deliveries = await this.decodeAll(topic, partition, chunk, payload);
    if (deliveries.length === 0) {
      return;
    }

    const outcome = await this.handle(topic, partition, deliveries, payload);
    if (outcome.handled) {
      return;
    }
    if (deliveries.length === 1) {
      await this.deadLetter({ topic, partition, message: deliveries[0]!.raw, error: outcome.error, attempts: outcome.attempts });
      return;
    }

    this.options.logger.warn(
      { ...this.fieldsOf(topic, partition, deliveries[0]!.raw), batchSize: deliveries.length, attempts: outcome.attempts, err: outcome.error },
      'batch failed: handling its messages one at a time',
    );
    for (const delivery of deliveries) {
      const alone = await this.handle(topic, partition, [delivery], payload);
      if (!alone.handled) {
        await this.deadLetter({ topic, partition, message: delivery.raw, error: alone.error, attempts: outcome.attempts + alone.attempts });
      }
    }
  }

  /** Calls the handler with bounded retries and exponential backoff for retriable errors. */
  private async handle(topic: TopicName, partition: number, deliveries: Delivery[], payload: EachBatchPayload): Promise<Outcome> {
    const messages = deliveries.map((delivery) => delivery.message);
    const { retry, metrics, logger, stopSignal, subscription } = this.options;

    for (let attempt = 1; ; attempt++) {
      if (stopSignal.aborted) {
        throw new BatchAbandoned();
      }
      try {
        await subscription.handler(messages, { heartbeat: () => payload.heartbeat() });
        metrics.add(topic, 'handled', messages.length);
        return { handled: true };
      } catch (error) {
        if (!isRetriable(error) || attempt >= retry.maxAttempts) {
          return { handled: false, error, attempts: attempt };
        }
        const delayMs = backoffDelayMs(retry, attempt);
        logger.warn({ ...this.fieldsOf(topic, partition, deliveries[0]!.raw), batchSize: messages.length, attempt, delayMs, err: error }, 'handler failed: retrying');
        metrics.add(topic, 'retries');
        await payload.heartbeat();
        if (!(await waitUnlessAborted(delayMs, stopSignal))) {
          throw new BatchAbandoned();
        }
      }
    }
  }

  private async decodeAll(topic: TopicName, partition: number, chunk: KafkaMessage[], payload: EachBatchPayload): Promise<Delivery[]> {
    const deliveries: Delivery[] = [];
    for (const raw of chunk) {
      try {
        deliveries.push({ raw, message: await this.decode(topic, partition, raw, payload) });
      } catch (error) {
        if (error instanceof BatchAbandoned || error instanceof BatchHandedBack) {
          throw error;
        }
        await this.deadLetter({ topic, partition, message: raw, error, attempts: 1 });
      }
    }
    return deliveries;
  }

  /**
   * Decodes one message. A bad message fails at once. When the schema registry
   * cannot be reached, the decode is retried and then the batch is handed back
   * to kafkajs uncommitted, because no message is at fault.
   */
  private async decode(topic: TopicName, partition: number, raw: KafkaMessage, payload: EachBatchPayload): Promise<ConsumedMessage> {
    const { serde, retry, stopSignal, logger } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        // NOTE: a tombstone (null value) on a compacted topic fails to decode and is dead-lettered; no producer of Sieve writes one yet.
        const value = await serde.decode(topic, raw.value);
        return { topic, key: raw.key?.toString('utf8') ?? '', value, headers: headersToText(raw.headers), offset: raw.offset };
      } catch (error) {
        if (!isRegistryUnavailable(error)) {
          throw error;
        }
        if (attempt >= retry.maxAttempts) {
          logger.error({ ...this.fieldsOf(topic, partition, raw), attempts: attempt, err: error }, 'schema registry unavailable: batch left uncommitted, kafkajs fetches it again');
          throw new BatchHandedBack(error);
        }
        logger.warn({ ...this.fieldsOf(topic, partition, raw), attempt, err: error }, 'schema registry unavailable: retrying the decode');
        await payload.heartbeat();
        if (!(await waitUnlessAborted(backoffDelayMs(retry, attempt), stopSignal))) {
          throw new BatchAbandoned();
        }
      }
    }
  }

  /** Dead-letters a message; if that fails, the batch goes back to kafkajs uncommitted. */
  private async deadLetter(failed: FailedMessage): Promise<void> {
    try {
      await this.options.deadLetters.publish(failed);
    } catch (error) {
      this.options.logger.error(
        { ...this.fieldsOf(failed.topic, failed.partition, failed.message), err: error },
        'cannot write to the dead-letter topic: batch left uncommitted, kafkajs fetches it again',
      );
      throw new BatchHandedBack(error);
    }
  }

  private fieldsOf(topic: TopicName, partition: number, raw: KafkaMessage): Record<string, unknown> {
    return {
      topic: this.options.names.physical(topic),
      partition,
      offset: raw.offset,
      eventId: headersToText(raw.headers)[HEADER_EVENT_ID],
      group: this.options.subscription.group,
    };
  }
}

/** Tells whether a decode failed because the writer schema could not be fetched, not because of the bytes. */
function isRegistryUnavailable(error: unknown): boolean {
  return error instanceof DecodeError && (error.cause as { retriable?: unknown } | undefined)?.retriable === true;
}
