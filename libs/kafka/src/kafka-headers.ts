import type { IHeaders } from 'kafkajs';
import type { MessageHeaders } from '@sieve/messaging';

/** Headers the bus adds to a dead-lettered message, next to the original ones. */
export const DEAD_LETTER_HEADERS = {
  error: 'sieve-error',
  errorCode: 'sieve-error-code',
  attempts: 'sieve-attempts',
  originTopic: 'sieve-origin-topic',
  originPartition: 'sieve-origin-partition',
  originOffset: 'sieve-origin-offset',
  consumerGroup: 'sieve-consumer-group',
} as const;

/**
 * Converts Kafka record headers to text. A header sent several times keeps
 * its last value.
 */
export function headersToText(headers: IHeaders | undefined): MessageHeaders {
  const text: MessageHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) {
      text[name] = Buffer.isBuffer(last) ? last.toString('utf8') : last;
    }
  }
  return text;
}
