// Ceiling for one Kafka hop. The run's own messages of one topic are produced
// to a fresh topic with a plain kafkajs producer, idempotent and with acks
// from all in-sync replicas like the pipeline's producer. A plain consumer
// group then reads them back, with no decoding and no handler.
import { performance } from 'node:perf_hooks';
import type { Kafka, KafkaMessage, Message } from 'kafkajs';

export interface KafkaCeiling {
  messages: number;
  bytes: number;
  producePerSecond: number;
  consumePerSecond: number;
  /** First send to last message consumed, producer and consumer running one after the other. */
  roundTripPerSecond: number;
}

async function topicSize(kafka: Kafka, topic: string): Promise<{ messages: number; partitions: number }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    const messages = offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
    return { messages, partitions: offsets.length };
  } finally {
    await admin.disconnect();
  }
}

/** Consumes a topic from the beginning in a new group until onBatch returns true. */
async function consumeUntil(kafka: Kafka, topic: string, group: string, onBatch: (messages: KafkaMessage[]) => boolean): Promise<void> {
  const consumer = kafka.consumer({ groupId: group });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachBatch: async ({ batch }) => {
            if (onBatch(batch.messages)) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

export async function measureKafkaCeiling(kafka: Kafka, sourceTopic: string, prefix: string, sendBatch: number): Promise<KafkaCeiling> {
  const { messages: expected, partitions } = await topicSize(kafka, sourceTopic);
  const messages: Message[] = [];
  await consumeUntil(kafka, sourceTopic, `${prefix}ceiling-read`, (batch) => {
    for (const message of batch) messages.push({ key: message.key, value: message.value });
    return messages.length >= expected;
  });
  const bytes = messages.reduce((sum, message) => sum + (message.value as Buffer).length + ((message.key as Buffer | null)?.length ?? 0), 0);
  const topic = `${prefix}bench.ceiling`;

  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const produceStart = performance.now();
  for (let start = 0; start < messages.length; start += sendBatch) {
    await producer.send({ topic, acks: -1, messages: messages.slice(start, start + sendBatch) });
  }
  const produceEnd = performance.now();
  await producer.disconnect();

  const consumeStart = performance.now();
  let consumed = 0;
  await consumeUntil(kafka, topic, `${prefix}ceiling-consume`, (batch) => {
    consumed += batch.length;
    return consumed >= messages.length;
  });
  const consumeEnd = performance.now();

  return {
    messages: messages.length,
    bytes,
    producePerSecond: messages.length / ((produceEnd - produceStart) / 1000),
    consumePerSecond: messages.length / ((consumeEnd - consumeStart) / 1000),
    roundTripPerSecond: messages.length / ((consumeEnd - produceStart) / 1000),
  };
}
