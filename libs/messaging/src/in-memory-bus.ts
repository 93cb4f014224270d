import { AvroSerde, messageKey, type TopicName } from '@sieve/contracts';
import { newId } from '@sieve/domain';
import {
  HEADER_EVENT_ID,
  HEADER_PRODUCER,
  type ConsumedMessage,
  type DeadLetter,
  type HandlerControls,
  type MessageBus,
  type MessageHeaders,
  type OutgoingMessage,
  type Subscription,
} from './message-bus.port.js';

const IN_MEMORY_CONTROLS: HandlerControls = { heartbeat: async () => undefined };

interface StoredMessage {
  sequence: number;
  topic: TopicName;
  key: string;
  bytes: Buffer;
  headers: MessageHeaders;
}

interface GroupState {
  subscription: Subscription;
  pending: StoredMessage[];
}

export interface InMemoryBusOptions {
  /** Attempts per batch before each message is retried alone and, failing again, dead-lettered. */
  maxAttempts?: number;
  onDeadLetter?: (letter: DeadLetter, error: unknown) => void;
}

/**
 * A message bus inside one process, for embedded mode and tests. Messages are
 * Avro-encoded on publish and decoded on delivery, exactly as over Kafka, so
 * the contracts are exercised. Each group sees messages in publish order, as
 * if every topic had one partition; a batch never mixes topics, so a consumer
 * of two topics sees them interleaved in the order they were published.
 */
export class InMemoryBus implements MessageBus {
  private readonly groups: GroupState[] = [];
  private sequence = 0;
  readonly deadLetters: DeadLetter[] = [];

  constructor(
    private readonly serde: AvroSerde,
    private readonly options: InMemoryBusOptions = {},
  ) {}

  subscribe(subscription: Subscription): void {
    this.groups.push({ subscription, pending: [] });
  }

  async publish(messages: OutgoingMessage[], producer: string): Promise<void> {
    for (const message of messages) {
      const bytes = await this.serde.encode(message.topic, message.value as never);
      const stored: StoredMessage = {
        sequence: this.sequence++,
        topic: message.topic,
        key: messageKey(message.topic, message.value as never),
        bytes,
        headers: { [HEADER_EVENT_ID]: eventIdOf(message), [HEADER_PRODUCER]: producer, ...(message.headers ?? {}) },
      };
      for (const group of this.groups) {
        if (group.subscription.topics.includes(message.topic)) {
          group.pending.push(stored);
        }
      }
    }
  }

  /** Messages not yet delivered, over all groups. */
  get backlog(): number {
    return this.groups.reduce((sum, group) => sum + group.pending.length, 0);
  }

  /**
   * Delivers until every group's backlog is empty. Groups are served in
   * subscription order, so a pipeline subscribed stage by stage moves each
   * batch as far downstream as it can before taking the next. A handler
   * that publishes a lot may drain the other groups (`except` its own) to
   * keep the backlog small while it is still running.
   */
  async drain(options: { except?: string } = {}): Promise<void> {
    const groups = this.groups.filter((group) => group.subscription.group !== options.except);
    while (groups.some((group) => group.pending.length > 0)) {
      for (const group of groups) {
        const batch = this.takeBatch(group);
        if (batch.length > 0) {
          await this.deliver(group.subscription, batch);
        }
      }
    }
  }

  private takeBatch(group: GroupState): StoredMessage[] {
    const first = group.pending[0];
    if (first === undefined) {
      return [];
    }
    const limit = group.subscription.maxBatchSize ?? 500;
    let count = 1;
    while (count < limit && count < group.pending.length && group.pending[count]!.topic === first.topic) {
      count++;
    }
    return group.pending.splice(0, count);
  }

  private async deliver(subscription: Subscription, batch: StoredMessage[]): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    const decoded: ConsumedMessage[] = [];
    for (const message of batch) {
      try {
        decoded.push(await this.decode(message));
      } catch (error) {
        this.deadLetter(subscription, message, error, 1);
      }
    }
    if (decoded.length === 0) {
      return;
    }
    let lastError: unknown;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        await subscription.handler(decoded, IN_MEMORY_CONTROLS);
        return;
      } catch (error) {
        lastError = error;
        if ((error as { retriable?: boolean }).retriable === false) {
          break;
        }
      }
    }
    if (decoded.length === 1) {
      this.deadLetter(subscription, batch.find((m) => String(m.sequence) === decoded[0]!.offset)!, lastError, maxAttempts);
      return;
    }
    // One bad message must not take its batch down: retry each alone.
    for (const message of decoded) {
      try {
        await subscription.handler([message], IN_MEMORY_CONTROLS);
      } catch (error) {
        this.deadLetter(subscription, batch.find((m) => String(m.sequence) === message.offset)!, error, maxAttempts + 1);
      }
    }
  }

  private async decode(message: StoredMessage): Promise<ConsumedMessage> {
    const value = await this.serde.decode(message.topic, message.bytes);
    return { topic: message.topic, key: message.key, value, headers: message.headers, offset: String(message.sequence) };
  }

  private deadLetter(subscription: Subscription, message: StoredMessage, error: unknown, attempts: number): void {
    const letter: DeadLetter = {
      topic: message.topic,
      group: subscription.group,
      offset: String(message.sequence),
      error: error instanceof Error ? error.message : String(error),
      attempts,
    };
    this.deadLetters.push(letter);
    this.options.onDeadLetter?.(letter, error);
  }
}

function eventIdOf(message: OutgoingMessage): string {
  const value = message.value as { eventId?: unknown };
  return typeof value.eventId === 'string' ? value.eventId : newId();
}
