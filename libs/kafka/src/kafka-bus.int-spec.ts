import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Partitioners, type Admin, type Kafka } from 'kafkajs';
import { AvroSerde, HttpSchemaRegistry, type FindingChanged } from '@sieve/contracts';
import type { BatchHandler, ConsumedMessage } from '@sieve/messaging';
import { KafkaBus } from './kafka-bus.js';
import {
  committedOffsets,
  deferred,
  deleteKafkaObjects,
  deleteSubjects,
  findingChanged,
  randomPrefix,
  readMessages,
  requireKafka,
  requireRegistry,
  TEST_BROKERS,
  TEST_REGISTRY_URL,
  testKafka,
  testLogger,
} from './kafka-test.support.js';
import { registerSchemas } from './schema-provisioning.js';
import { provisionTopics } from './topic-provisioning.js';
import { TopicNames } from './topic-names.js';

const TOPIC = 'sieve.finding.canonical.v1';

describe('KafkaBus', { timeout: 120_000 }, () => {
  const filePrefix = randomPrefix();
  const buses: KafkaBus[] = [];
  let kafka: Kafka;
  let admin: Admin;
  let registry: HttpSchemaRegistry;
  let testCount = 0;

  // Cleanup runs only when set-up got through, so a missing service reports one clear error.
  let ready = false;

  before(async () => {
    await requireKafka();
    await requireRegistry();
    kafka = testKafka();
    admin = kafka.admin();
    await admin.connect();
    registry = new HttpSchemaRegistry({ url: TEST_REGISTRY_URL });
    await registerSchemas(registry, { subjectPrefix: filePrefix });
    ready = true;
  });

  after(async () => {
    if (!ready) {
      return;
    }
    await Promise.all(buses.map((bus) => bus.stop()));
    await deleteKafkaObjects(admin, filePrefix);
    await admin.disconnect();
    await deleteSubjects(registry, filePrefix);
  });

  /** Provisions topics of its own for each test, so no test receives another's messages. */
  async function newTopics(): Promise<TopicNames> {
    const names = new TopicNames(`${filePrefix}${++testCount}.`);
    await provisionTopics(admin, { topicPrefix: names.prefix });
    return names;
  }

  async function startBus(names: TopicNames, handler: BatchHandler): Promise<KafkaBus> {
    const bus = new KafkaBus({
      clientId: 'sieve-kafka-bus-test',
      brokers: TEST_BROKERS,
      serde: new AvroSerde(registry, { autoRegister: false, subjectPrefix: filePrefix }),
      logger: testLogger(),
      topicPrefix: names.prefix,
      retry: { maxAttempts: 2, initialDelayMs: 10 },
      consumer: { maxWaitTimeMs: 200 },
    });
    buses.push(bus);
    bus.subscribe({ group: `${names.prefix}group`, topics: [TOPIC], handler });
    await bus.start();
    return bus;
  }

  it('round-trips value, key and headers', async () => {
    const names = await newTopics();
    const received = deferred<ConsumedMessage>();
    const bus = await startBus(names, async (batch) => received.resolve(batch[0]!));

    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await bus.publish([{ topic: TOPIC, value: findingChanged('e-round', 'f-round'), headers: { traceparent } }], 'test-producer');
    const message = await received.promise;

    assert.deepEqual(plain(message.value), findingChanged('e-round', 'f-round'));
    assert.equal(message.topic, TOPIC);
    assert.equal(message.key, 'f-round');
    assert.equal(message.headers['sieve-event-id'], 'e-round');
    assert.equal(message.headers['sieve-producer'], 'test-producer');
    assert.equal(message.headers['traceparent'], traceparent);
  });

  it('commits only after the handler resolves', async () => {
    const names = await newTopics();
    const group = `${names.prefix}group`;
    const firstArrived = deferred<string>();
    const releaseFirst = deferred<void>();
    const secondArrived = deferred<void>();
    const releaseSecond = deferred<void>();
    const bus = await startBus(names, async (batch) => {
      for (const message of batch) {
        if ((message.value as FindingChanged).eventId === 'e-first') {
          firstArrived.resolve(message.offset);
          await releaseFirst.promise;
        } else {
          secondArrived.resolve();
          await releaseSecond.promise;
        }
      }
    });

    await bus.publish([{ topic: TOPIC, value: findingChanged('e-first', 'f-commit') }], 'test');
    const firstOffset = await firstArrived.promise;
    assert.deepEqual(await committedOffsets(admin, group, names.physical(TOPIC)), {});

    releaseFirst.resolve();
    // Same key, same partition: the second message is handed over only after the first batch is committed.
    await bus.publish([{ topic: TOPIC, value: findingChanged('e-second', 'f-commit') }], 'test');
    await secondArrived.promise;
    const committed = await committedOffsets(admin, group, names.physical(TOPIC));
    releaseSecond.resolve();
    assert.deepEqual(Object.values(committed), [String(Number(firstOffset) + 1)]);
  });

  it('dead-letters only the failing message', async () => {
    const names = await newTopics();
    const group = `${names.prefix}group`;
    const handled: string[] = [];
    const goodHandled = deferred<void>();
    let poisonOffset = '';
    const bus = await startBus(names, async (batch) => {
      const poison = batch.find((message) => (message.value as FindingChanged).eventId === 'e-poison');
      if (poison !== undefined) {
        poisonOffset = poison.offset;
        throw Object.assign(new Error('rejected on purpose'), { code: 'test_rejected', retriable: false });
      }
      handled.push(...batch.map((message) => (message.value as FindingChanged).eventId));
      goodHandled.resolve();
    });

    // One publish, one record batch: the consumer receives both together.
    await bus.publish(
      [
        { topic: TOPIC, value: findingChanged('e-poison', 'f-dlq') },
        { topic: TOPIC, value: findingChanged('e-good', 'f-dlq') },
      ],
      'test',
    );
    await goodHandled.promise;
    const [letter] = await readMessages(kafka, admin, names.deadLetter(TOPIC), 1, `${names.prefix}dlq-reader`);
    await bus.stop();

    const headers = textHeaders(letter!.headers);
    assert.deepEqual(handled, ['e-good']);
    assert.equal(letter!.key?.toString(), 'f-dlq');
    assert.match(headers['sieve-error']!, /rejected on purpose/);
    assert.equal(headers['sieve-error-code'], 'test_rejected');
    assert.equal(headers['sieve-attempts'], '2');
    assert.equal(headers['sieve-origin-topic'], names.physical(TOPIC));
    assert.match(headers['sieve-origin-partition']!, /^[0-5]$/);
    assert.equal(headers['sieve-origin-offset'], poisonOffset);
    assert.equal(headers['sieve-consumer-group'], group);
    assert.equal(headers['sieve-event-id'], 'e-poison');
    assert.deepEqual(Object.values(await committedOffsets(admin, group, names.physical(TOPIC))), [String(Number(poisonOffset) + 2)]);
  });

  it('dead-letters an undecodable message', async () => {
    const names = await newTopics();
    const handled = deferred<string>();
    const bus = await startBus(names, async (batch) => handled.resolve((batch[0]!.value as FindingChanged).eventId));

    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: names.physical(TOPIC), messages: [{ key: 'f-raw', value: Buffer.from('not avro at all') }] });
    await producer.disconnect();
    await bus.publish([{ topic: TOPIC, value: findingChanged('e-after-raw', 'f-raw') }], 'test');

    const [letter] = await readMessages(kafka, admin, names.deadLetter(TOPIC), 1, `${names.prefix}dlq-reader`);
    const headers = textHeaders(letter!.headers);
    assert.equal(letter!.value?.toString(), 'not avro at all');
    assert.equal(headers['sieve-error-code'], 'decode_failed');
    assert.match(headers['sieve-error']!, /unknown framing/);
    assert.equal(headers['sieve-attempts'], '1');
    assert.equal(await handled.promise, 'e-after-raw');
  });

  it('counts consumed, handled and dead-lettered messages', async () => {
    const names = await newTopics();
    const handled = deferred<void>();
    const bus = await startBus(names, async (batch) => {
      if (batch.some((message) => (message.value as FindingChanged).eventId === 'e-bad')) {
        throw Object.assign(new Error('bad'), { retriable: false });
      }
      handled.resolve();
    });

    await bus.publish(
      [
        { topic: TOPIC, value: findingChanged('e-bad', 'f-count') },
        { topic: TOPIC, value: findingChanged('e-ok', 'f-count') },
      ],
      'test',
    );
    await handled.promise;
    await bus.stop();

    const counters = bus.metricsSnapshot().topics[TOPIC];
    assert.deepEqual(counters, { published: 2, consumed: 2, handled: 1, deadLettered: 1, retries: 0 });
    assert.equal(bus.metricsSnapshot().batchLatencySeconds.count, 1);
    assert.equal(bus.metricsSnapshot().consumers[`${names.prefix}group`], 'stopped');
  });
});

function textHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
}

// avsc decodes records into instances of generated classes; compare their data only.
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
