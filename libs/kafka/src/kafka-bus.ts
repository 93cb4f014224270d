import { Partitioners, type Consumer, type Kafka, type Message, type Producer, type ProducerRecord } from 'kafkajs';
import { messageKey, type AvroSerde } from '@sieve/contracts';
import { newId } from '@sieve/domain';
import { HEADER_EVENT_ID, HEADER_PRODUCER, type MessageBus, type MessageHeaders, type OutgoingMessage, type Subscription } from '@sieve/messaging';
import type { Logger } from '@sieve/telemetry';
import { BusMetrics, type BusMetricsSnapshot } from './bus-metrics.js';
import { DeadLetterPublisher } from './dead-letter.publisher.js';
import { createKafkaClient, type KafkaConnectionOptions } from './kafka-client.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import { SubscriptionConsumer } from './subscription.consumer.js';
import { TopicNames } from './topic-names.js';

/** Consumer settings; the defaults suit the pipeline's stages. */
export interface KafkaConsumerTuning {
  /** Start position of a group without committed offsets: the oldest message (true, the default) or only new ones. */
  fromBeginning?: boolean;
  /** Partitions of one consumer handled at the same time. Default 1. */
  partitionsConsumedConcurrently?: number;
  /**
   * Milliseconds without a heartbeat after which the broker drops the member. Heartbeats go out
   * between handler calls and when a handler calls `controls.heartbeat()`; a handler that calls
   * neither must finish within this time. Default 30000.
   */
  sessionTimeoutMs?: number;
  /** Default 3000. */
  heartbeatIntervalMs?: number;
  /** Maximum wait of a fetch for new data, in milliseconds. stop() waits for the fetch in progress. Default 1000. */
  maxWaitTimeMs?: number;
  /** Default 1 MiB, the kafkajs default. */
  maxBytesPerPartition?: number;
}

export interface KafkaBusOptions extends KafkaConnectionOptions {
  serde: AvroSerde;
  logger: Logger;
  /** Put before every physical topic name (for example a random one per test file). Default empty. */
  topicPrefix?: string;
  retry?: Partial<RetryPolicy>;
  consumer?: KafkaConsumerTuning;
}

type BusState = 'created' | 'started' | 'stopping' | 'stopped';

/**
 * The message bus over Apache Kafka, through kafkajs. One idempotent producer
 * for the whole bus; one consumer per subscription, whose group id is the
 * subscription's group as given. Offsets are committed by hand after the
 * handler resolves, so delivery is at least once and handlers must be
 * idempotent. Subscribe every consumer, then call start(); stop() drains.
 */
export class KafkaBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private producerConnection: Promise<void> | null = null;
  private readonly names: TopicNames;
  private readonly retry: RetryPolicy;
  private readonly logger: Logger;
  private readonly subscriptions: Subscription[] = [];
  private readonly consumers: Consumer[] = [];
  private readonly stopController = new AbortController();
  private readonly metrics = new BusMetrics();
  private state: BusState = 'created';

  constructor(private readonly options: KafkaBusOptions) {
    this.logger = options.logger.child({ clientId: options.clientId });
    this.kafka = createKafkaClient(options, options.logger);
    this.names = new TopicNames(options.topicPrefix);
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    // Murmur2 partitioning, as in the Java client, so a key lands on the same
    // partition whichever client produced it.
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /** Registers a consumer group; every subscription must be made before start(). */
  subscribe(subscription: Subscription): void {
    if (this.state !== 'created') {
      throw new Error(`cannot subscribe group ${subscription.group} after start(): subscribe every consumer first`);
    }
    if (subscription.topics.length === 0) {
      throw new Error(`subscription of group ${subscription.group} names no topic`);
    }
    if (this.subscriptions.some((existing) => existing.group === subscription.group)) {
      throw new Error(`group ${subscription.group} is already subscribed on this bus`);
    }
    this.subscriptions.push(subscription);
  }

  /** Connects the producer and every consumer; resolves once each consumer has joined its group. */
  async start(): Promise<void> {
    if (this.state !== 'created') {
      throw new Error(`KafkaBus.start() called when the bus is ${this.state}`);
    }
    this.state = 'started';
    await this.connectProducer();
    await Promise.all(this.subscriptions.map((subscription) => this.startConsumer(subscription)));
    this.logger.info({ groups: this.subscriptions.map((subscription) => subscription.group) }, 'Kafka bus started');
  }

  async publish(messages: OutgoingMessage[], producer: string): Promise<void> {
    if (this.state === 'stopping' || this.state === 'stopped') {
      throw new Error(`cannot publish: the Kafka bus is ${this.state}`);
    }
    if (messages.length === 0) {
      return;
    }
    const byTopic = new Map<string, Message[]>();
    for (const message of messages) {
      const value = await this.options.serde.encode(message.topic, message.value as never);
      const headers: MessageHeaders = { [HEADER_EVENT_ID]: eventIdOf(message), [HEADER_PRODUCER]: producer, ...message.headers };
      const topic = this.names.physical(message.topic);
      const batch = byTopic.get(topic) ?? [];
      batch.push({ key: messageKey(message.topic, message.value as never), value, headers });
      byTopic.set(topic, batch);
    }

    // Messages with one key share a partition, so one report's findings form a
    // single record batch. The broker rejects batches over message.max.bytes
    // (1 MiB by default), so requests are cut below that and sent in order.
    for (const request of chunkBySize(byTopic, MAX_REQUEST_BYTES)) {
      await this.send({ acks: -1, topicMessages: request });
    }
    for (const message of messages) {
      this.metrics.add(message.topic, 'published');
    }
  }

  /**
   * Stops consuming and disconnects. A handler call in progress is awaited and
   * its batch committed. A batch waiting for a retry is left uncommitted, so it
   * is delivered again after a restart. No new handler call starts once stop() is called.
   */
  async stop(): Promise<void> {
    if (this.state === 'stopping' || this.state === 'stopped') {
      return;
    }
    this.state = 'stopping';
    this.stopController.abort();

    const results = await Promise.allSettled(this.consumers.map((consumer) => consumer.disconnect()));
    for (const group of this.subscriptions.map((subscription) => subscription.group)) {
      this.metrics.setConsumerState(group, 'stopped');
    }
    // The producer goes last: a batch that was finishing may still write dead letters.
    if (this.producerConnection !== null) {
      results.push(...(await Promise.allSettled([this.producer.disconnect()])));
    }
    this.state = 'stopped';

    const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failures.length > 0) {
      throw new AggregateError(
        failures.map((failure) => failure.reason),
        `KafkaBus.stop(): ${failures.length} of the Kafka clients did not disconnect cleanly`,
      );
    }
    this.logger.info('Kafka bus stopped');
  }

  /** Returns the counters for a metrics endpoint, as a plain object. */
  metricsSnapshot(): BusMetricsSnapshot {
    return this.metrics.snapshot();
  }

  private async startConsumer(subscription: Subscription): Promise<void> {
    const tuning = this.options.consumer ?? {};
    const group = subscription.group;
    const consumer = this.kafka.consumer({
      groupId: group,
      allowAutoTopicCreation: false,
      sessionTimeout: tuning.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: tuning.heartbeatIntervalMs ?? 3000,
      maxWaitTimeInMs: tuning.maxWaitTimeMs ?? 1000,
      maxBytesPerPartition: tuning.maxBytesPerPartition,
    });
    this.consumers.push(consumer);
    this.metrics.setConsumerState(group, 'starting');
    consumer.on(consumer.events.CRASH, (event) => {
      // kafkajs has logged the error itself; this records that it gave up.
      if (!event.payload.restart) {
        this.metrics.setConsumerState(group, 'crashed');
        this.logger.error({ group }, 'Kafka consumer crashed and kafkajs will not restart it: restart the service');
      }
    });

    const runner = new SubscriptionConsumer({
      subscription,
      serde: this.options.serde,
      names: this.names,
      retry: this.retry,
      metrics: this.metrics,
      deadLetters: new DeadLetterPublisher((record) => this.sendOne(record), this.names, group, this.metrics, this.logger),
      logger: this.logger,
      stopSignal: this.stopController.signal,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: subscription.topics.map((topic) => this.names.physical(topic)), fromBeginning: tuning.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: tuning.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => runner.consumeBatch(payload),
    });
    this.metrics.setConsumerState(group, 'running');
  }

  private connectProducer(): Promise<void> {
    if (this.producerConnection === null) {
      this.producerConnection = this.producer.connect();
      this.producerConnection.catch(() => {
        this.producerConnection = null;
      });
    }
    return this.producerConnection;
  }

  private async send(batch: Parameters<Producer['sendBatch']>[0]): Promise<void> {
    await this.connectProducer();
    await this.producer.sendBatch(batch);
  }

  private async sendOne(record: ProducerRecord): Promise<void> {
    await this.connectProducer();
    await this.producer.send(record);
  }
}

function eventIdOf(message: OutgoingMessage): string {
  const value = message.value as { eventId?: unknown };
  return typeof value.eventId === 'string' ? value.eventId : newId();
}

const MAX_REQUEST_BYTES = 512 * 1024;

function chunkBySize(byTopic: Map<string, Message[]>, maxBytes: number): Array<Array<{ topic: string; messages: Message[] }>> {
  const requests: Array<Array<{ topic: string; messages: Message[] }>> = [];
  let current = new Map<string, Message[]>();
  let size = 0;
  for (const [topic, messages] of byTopic) {
    for (const message of messages) {
      const bytes = (message.value as Buffer | null)?.length ?? 0;
      if (size > 0 && size + bytes > maxBytes) {
        requests.push([...current].map(([name, batch]) => ({ topic: name, messages: batch })));
        current = new Map();
        size = 0;
      }
      const batch = current.get(topic) ?? [];
      batch.push(message);
      current.set(topic, batch);
      size += bytes + 64;
    }
  }
  if (size > 0) requests.push([...current].map(([name, batch]) => ({ topic: name, messages: batch })));
  return requests;
}
