// Shared set-up of the integration tests: where the real Kafka and schema
// registry are, a check that they run, random names and cleanup. Not exported
// from the lib.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin, type KafkaMessage } from 'kafkajs';
import { HttpSchemaRegistry, TOPIC_NAMES, type FindingChanged } from '@sieve/contracts';
import { createLogger, type Logger } from '@sieve/telemetry';
import { TopicNames } from './topic-names.js';

export const TEST_BROKERS = (process.env['SIEVE_TEST_KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
export const TEST_REGISTRY_URL = process.env['SIEVE_TEST_REGISTRY_URL'] ?? 'http://127.0.0.1:8081/apis/ccompat/v7';

const START_HINT = 'start it with `deploy/local/infra.sh up` (or `deploy/local/infra.sh up kafka registry`)';

/** JSON logs at SIEVE_TEST_LOG_LEVEL, silent by default. */
export function testLogger(): Logger {
  return createLogger({ service: 'kafka-test', level: process.env['SIEVE_TEST_LOG_LEVEL'] ?? 'silent' });
}

/** Returns a prefix for topic, group and subject names that no other test file uses, such as `t3f9a01c2.`. */
export function randomPrefix(): string {
  return `t${randomBytes(4).toString('hex')}.`;
}

/** Creates a kafkajs client for test-side work (admin, raw producers, reading dead letters). */
export function testKafka(): Kafka {
  return new Kafka({ clientId: 'sieve-kafka-test', brokers: TEST_BROKERS, logLevel: logLevel.NOTHING });
}

/** Throws an error that explains how to start Kafka when no broker responds. */
export async function requireKafka(): Promise<void> {
  const probe = new Kafka({ clientId: 'sieve-kafka-test-probe', brokers: TEST_BROKERS, connectionTimeout: 2000, retry: { retries: 0 }, logLevel: logLevel.NOTHING });
  const admin = probe.admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch (error) {
    throw new Error(`Kafka is not reachable at ${TEST_BROKERS.join(',')} (${(error as Error).message}); ${START_HINT}`);
  } finally {
    await admin.disconnect();
  }
}

/** Throws an error that explains how to start the registry when it does not respond. */
export async function requireRegistry(): Promise<void> {
  try {
    const response = await fetch(`${TEST_REGISTRY_URL}/subjects`, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
  } catch (error) {
    throw new Error(`the schema registry is not reachable at ${TEST_REGISTRY_URL} (${(error as Error).message}); ${START_HINT}`);
  }
}

/** Deletes every topic and consumer group whose name starts with the prefix. */
export async function deleteKafkaObjects(admin: Admin, prefix: string): Promise<void> {
  const { groups } = await admin.listGroups();
  const ours = groups.map((group) => group.groupId).filter((id) => id.startsWith(prefix));
  if (ours.length > 0) {
    await admin.deleteGroups(ours);
  }
  const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
  if (topics.length > 0) {
    await admin.deleteTopics({ topics });
  }
}

/** Deletes, for good, the value subject of every catalogue topic under the prefix. */
export async function deleteSubjects(registry: HttpSchemaRegistry, prefix: string): Promise<void> {
  const names = new TopicNames(prefix);
  for (const topic of TOPIC_NAMES) {
    await registry.deleteSubject(names.valueSubject(topic), { permanent: true });
  }
}

/** Committed offsets of a group on one topic, by partition; partitions without a commit are left out. */
export async function committedOffsets(admin: Admin, group: string, topic: string): Promise<Record<number, string>> {
  const [entry] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  const committed: Record<number, string> = {};
  for (const { partition, offset } of entry?.partitions ?? []) {
    if (offset !== '-1') {
      committed[partition] = offset;
    }
  }
  return committed;
}

/** Reads the first `count` messages of a topic with a throwaway consumer group, then deletes the group. */
export async function readMessages(kafka: Kafka, admin: Admin, topic: string, count: number, group: string): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 200 });
  const messages: KafkaMessage[] = [];
  const done = deferred<void>();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      messages.push(message);
      if (messages.length >= count) {
        done.resolve();
      }
    },
  });
  await done.promise;
  await consumer.disconnect();
  await admin.deleteGroups([group]);
  return messages;
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** Builds a finding.canonical payload. Messages with the same findingId share a key, so they share a partition and keep their order. */
export function findingChanged(eventId: string, findingId: string): FindingChanged {
  return {
    eventId,
    findingId,
    identityKey: `dep|web|pkg:npm/lodash|4.17.15|${findingId}`,
    asset: 'web',
    change: 'created',
    status: 'open',
    reportId: null,
    occurredAt: 1764892800000,
  };
}
