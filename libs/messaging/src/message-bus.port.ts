import type { TopicName, TopicPayloads } from '@sieve/contracts';

/** W3C trace context and Sieve's own ids, carried as message headers. */
export type MessageHeaders = Record<string, string>;

export const HEADER_EVENT_ID = 'sieve-event-id';
export const HEADER_PRODUCER = 'sieve-producer';
export const HEADER_TRACEPARENT = 'traceparent';

/** A decoded message as a consumer sees it. */
export interface ConsumedMessage<T extends TopicName = TopicName> {
  topic: T;
  key: string;
  value: TopicPayloads[T];
  headers: MessageHeaders;
  /** Position in the topic (in-memory: a global sequence; Kafka: the partition offset). */
  offset: string;
}

/** A message a handler wants published. */
export interface OutgoingMessage<T extends TopicName = TopicName> {
  topic: T;
  value: TopicPayloads[T];
  headers?: MessageHeaders;
}

/** Operations the bus offers a handler while it runs. */
export interface HandlerControls {
  /**
   * Tells the broker the consumer is alive. A handler that runs longer than
   * the session timeout (reading a large report) calls it now and then, or
   * the broker hands its partitions to another member. A no-op in memory.
   */
  heartbeat(): Promise<void>;
}

/** Handles a batch of messages of one topic. Throwing makes the bus retry, then dead-letter. */
export type BatchHandler = (messages: ConsumedMessage[], controls: HandlerControls) => Promise<void>;

export interface Subscription {
  /** Consumer group: each group receives every message of its topics once. */
  group: string;
  topics: TopicName[];
  handler: BatchHandler;
  /** Largest batch handed to the handler at once. */
  maxBatchSize?: number;
}

/**
 * Publish and subscribe over the topic catalogue. Every message is Avro-encoded
 * on the way in and decoded on the way out, whatever the transport.
 */
export interface MessageBus {
  publish(messages: OutgoingMessage[], producer: string): Promise<void>;
  subscribe(subscription: Subscription): void;
}

/** A message that failed after its retries, kept with the reason. */
export interface DeadLetter {
  topic: string;
  group: string;
  offset: string;
  error: string;
  attempts: number;
}
