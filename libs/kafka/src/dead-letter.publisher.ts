import type { IHeaders, KafkaMessage, ProducerRecord } from 'kafkajs';
import { HEADER_EVENT_ID } from '@sieve/messaging';
import type { Logger } from '@sieve/telemetry';
import type { TopicName } from '@sieve/contracts';
import type { BusMetrics } from './bus-metrics.js';
import { DEAD_LETTER_HEADERS, headersToText } from './kafka-headers.js';
import type { TopicNames } from './topic-names.js';

/** A consumed message that cannot be handled, with the error of its last attempt. */
export interface FailedMessage {
  topic: TopicName;
  partition: number;
  message: KafkaMessage;
  error: unknown;
  /** Handler calls that included this message; 1 for a message that could not be decoded. */
  attempts: number;
}

// Kafka's default limit for a whole record is 1 MiB; an error text never needs more than this.
const MAX_ERROR_LENGTH = 2000;

/**
 * Writes failed messages to the topic's `.dlq` twin: the original key, value
 * and headers, plus headers with the error and the origin position. The caller commits
 * the origin offset only after this resolves, so a message is never lost
 * between the two topics.
 */
export class DeadLetterPublisher {
  constructor(
    private readonly send: (record: ProducerRecord) => Promise<unknown>,
    private readonly names: TopicNames,
    private readonly group: string,
    private readonly metrics: BusMetrics,
    private readonly logger: Logger,
  ) {}

  async publish(failed: FailedMessage): Promise<void> {
    const origin = this.names.physical(failed.topic);
    const headers: IHeaders = {
      ...failed.message.headers,
      [DEAD_LETTER_HEADERS.error]: errorText(failed.error),
      [DEAD_LETTER_HEADERS.errorCode]: errorCode(failed.error),
      [DEAD_LETTER_HEADERS.attempts]: String(failed.attempts),
      [DEAD_LETTER_HEADERS.originTopic]: origin,
      [DEAD_LETTER_HEADERS.originPartition]: String(failed.partition),
      [DEAD_LETTER_HEADERS.originOffset]: failed.message.offset,
      [DEAD_LETTER_HEADERS.consumerGroup]: this.group,
    };
    await this.send({
      topic: this.names.deadLetter(failed.topic),
      acks: -1,
      messages: [{ key: failed.message.key, value: failed.message.value, headers }],
    });

    this.metrics.add(failed.topic, 'deadLettered');
    this.logger.error(
      {
        topic: origin,
        partition: failed.partition,
        offset: failed.message.offset,
        eventId: headersToText(failed.message.headers)[HEADER_EVENT_ID],
        group: this.group,
        attempts: failed.attempts,
        errorCode: errorCode(failed.error),
        err: failed.error,
      },
      'message sent to the dead-letter topic',
    );
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

/** Returns the error's `code` when it is a string (Sieve's errors), else its class name. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    return code;
  }
  return error instanceof Error ? error.name : 'unknown';
}
