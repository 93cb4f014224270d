// Round trip of N messages through KafkaBus against the local Kafka and
// schema registry: publish (idempotent producer, acks=all), consume in
// batches, commit. Everything it creates carries a random prefix and is
// deleted at the end. Usage (after `deploy/local/infra.sh up kafka registry`):
//   npx tsx bench/kafka/run-kafka-bus-bench.ts [--messages 10000] [--publish-batch 500] [--concurrency 1]
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { AvroSerde, HttpSchemaRegistry, TOPIC_NAMES, type FindingChanged } from '@sieve/contracts';
import { createLogger } from '@sieve/telemetry';
import { KafkaBus, provisionTopics, registerSchemas, TopicNames } from '@sieve/kafka';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '10000' },
    'publish-batch': { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '1' },
    brokers: { type: 'string', default: '127.0.0.1:9092' },
    registry: { type: 'string', default: 'http://127.0.0.1:8081/apis/ccompat/v7' },
  },
});
const total = Number(values.messages);
const publishBatch = Number(values['publish-batch']);
const brokers = values.brokers.split(',');
const topic = 'sieve.finding.canonical.v1';
const prefix = `bench${randomBytes(4).toString('hex')}.`;
const names = new TopicNames(prefix);
const group = `${prefix}group`;

const admin = new Kafka({ clientId: 'sieve-bench-admin', brokers, logLevel: logLevel.NOTHING }).admin();
const registry = new HttpSchemaRegistry({ url: values.registry });

function message(n: number): FindingChanged {
  return {
    eventId: `bench-event-${n}`,
    findingId: `bench-finding-${n % 1000}`,
    identityKey: `dep|bench|pkg:npm/lodash|4.17.15|CVE-2020-${n}`,
    asset: `asset-${n % 20}`,
    change: 'updated',
    status: 'open',
    reportId: null,
    occurredAt: 1764892800000 + n,
  };
}

await admin.connect();
try {
  await provisionTopics(admin, { topicPrefix: prefix });
  await registerSchemas(registry, { subjectPrefix: prefix });

  let handled = 0;
  let allHandled!: () => void;
  const done = new Promise<void>((resolve) => (allHandled = resolve));
  const bus = new KafkaBus({
    clientId: 'sieve-bench',
    brokers,
    serde: new AvroSerde(registry, { autoRegister: false, subjectPrefix: prefix }),
    logger: createLogger({ service: 'bench', level: process.env['SIEVE_BENCH_LOG_LEVEL'] ?? 'warn' }),
    topicPrefix: prefix,
    consumer: { partitionsConsumedConcurrently: Number(values.concurrency) },
  });
  bus.subscribe({
    group,
    topics: [topic],
    handler: async (batch) => {
      handled += batch.length;
      if (handled >= total) {
        allHandled();
      }
    },
  });
  await bus.start();

  const started = performance.now();
  for (let first = 0; first < total; first += publishBatch) {
    const count = Math.min(publishBatch, total - first);
    await bus.publish(Array.from({ length: count }, (_, i) => ({ topic, value: message(first + i) })), 'bench');
  }
  const published = performance.now();
  await done;
  const consumed = performance.now();
  await bus.stop();
  const stopped = performance.now();

  const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [names.physical(topic)] });
  const committed = (offsets?.partitions ?? []).reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  const snapshot = bus.metricsSnapshot().batchLatencySeconds;
  console.log(`messages: ${total}, publish batches of ${publishBatch}, partitions consumed concurrently: ${values.concurrency}`);
  console.log(`published all in ${seconds(published - started)} s (${Math.round(total / ((published - started) / 1000))} msg/s)`);
  console.log(`handled all in ${seconds(consumed - started)} s from the first publish (${Math.round(total / ((consumed - started) / 1000))} msg/s)`);
  console.log(`stopped (last commit, leave group, disconnect) after ${seconds(stopped - started)} s (${Math.round(total / ((stopped - started) / 1000))} msg/s)`);
  console.log(`committed offsets: ${committed} of ${total}; handler batches: ${snapshot.count}, mean batch latency ${((snapshot.sum / snapshot.count) * 1000).toFixed(1)} ms`);
} finally {
  const { groups } = await admin.listGroups();
  const ours = groups.map((entry) => entry.groupId).filter((id) => id.startsWith(prefix));
  if (ours.length > 0) {
    await admin.deleteGroups(ours);
  }
  await admin.deleteTopics({ topics: (await admin.listTopics()).filter((name) => name.startsWith(prefix)) });
  await admin.disconnect();
  for (const name of TOPIC_NAMES) {
    await registry.deleteSubject(names.valueSubject(name), { permanent: true });
  }
}
