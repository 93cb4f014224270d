import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Admin } from 'kafkajs';
import { AvroSerde, HttpSchemaRegistry, type FindingChanged } from '@sieve/contracts';
import type { BatchHandler } from '@sieve/messaging';
import { KafkaBus } from './kafka-bus.js';
import type { RetryPolicy } from './retry-policy.js';
import {
  committedOffsets,
  deferred,
  deleteKafkaObjects,
  deleteSubjects,
  findingChanged,
  randomPrefix,
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

describe('KafkaBus.stop', { timeout: 120_000 }, () => {
  const filePrefix = randomPrefix();
  const buses: KafkaBus[] = [];
  let admin: Admin;
  let registry: HttpSchemaRegistry;
  let testCount = 0;

  // Cleanup runs only when set-up got through, so a missing service reports one clear error.
  let ready = false;

  before(async () => {
    await requireKafka();
    await requireRegistry();
    admin = testKafka().admin();
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

  async function newTopics(): Promise<TopicNames> {
    const names = new TopicNames(`${filePrefix}${++testCount}.`);
    await provisionTopics(admin, { topicPrefix: names.prefix });
    return names;
  }

  async function startBus(names: TopicNames, handler: BatchHandler, retry: Partial<RetryPolicy>): Promise<KafkaBus> {
    const bus = new KafkaBus({
      clientId: 'sieve-kafka-stop-test',
      brokers: TEST_BROKERS,
      serde: new AvroSerde(registry, { autoRegister: false, subjectPrefix: filePrefix }),
      logger: testLogger(),
      topicPrefix: names.prefix,
      retry,
      consumer: { maxWaitTimeMs: 200 },
    });
    buses.push(bus);
    bus.subscribe({ group: `${names.prefix}group`, topics: [TOPIC], handler });
    await bus.start();
    return bus;
  }

  it('redelivers after a stop without commit', async () => {
    const names = await newTopics();
    const group = `${names.prefix}group`;
    const firstTry = deferred<void>();
    // A retriable failure with a long backoff: the bus is waiting to retry when it is stopped.
    const first = await startBus(
      names,
      async () => {
        firstTry.resolve();
        throw new Error('database unavailable');
      },
      { maxAttempts: 5, initialDelayMs: 60_000 },
    );
    await first.publish([{ topic: TOPIC, value: findingChanged('e-again', 'f-again') }], 'test');
    await firstTry.promise;
    await first.stop();
    assert.deepEqual(await committedOffsets(admin, group, names.physical(TOPIC)), {});

    const redelivered = deferred<string>();
    const second = await startBus(names, async (batch) => redelivered.resolve((batch[0]!.value as FindingChanged).eventId), {});
    assert.equal(await redelivered.promise, 'e-again');
    await second.stop();
    assert.deepEqual(Object.values(await committedOffsets(admin, group, names.physical(TOPIC))), ['1']);
  });

  it('commits the in-flight batch on stop', async () => {
    const names = await newTopics();
    const group = `${names.prefix}group`;
    const arrived = deferred<void>();
    const release = deferred<void>();
    let calls = 0;
    const bus = await startBus(
      names,
      async () => {
        calls += 1;
        arrived.resolve();
        await release.promise;
      },
      {},
    );
    await bus.publish([{ topic: TOPIC, value: findingChanged('e-inflight', 'f-inflight') }], 'test');
    await arrived.promise;

    const stopping = bus.stop();
    release.resolve();
    await stopping;

    assert.deepEqual(Object.values(await committedOffsets(admin, group, names.physical(TOPIC))), ['1']);
    assert.equal(calls, 1);
  });

  it('rejects publish after stop', async () => {
    const names = await newTopics();
    const bus = await startBus(names, async () => {}, {});
    await bus.stop();
    await assert.rejects(bus.publish([{ topic: TOPIC, value: findingChanged('e-late', 'f-late') }], 'test'), /the Kafka bus is stopped/);
  });
});
