import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  AvroSerde,
  HttpSchemaRegistry,
  readTopicSchema,
  SchemaNotFoundError,
  SchemaNotRegisteredError,
  SchemaRegistryError,
} from '@sieve/contracts';
import { deleteSubjects, findingChanged, randomPrefix, requireRegistry, TEST_REGISTRY_URL } from './kafka-test.support.js';
import { registerSchemas } from './schema-provisioning.js';
import { TopicNames } from './topic-names.js';

const TOPIC = 'sieve.finding.canonical.v1';

describe('HttpSchemaRegistry', { timeout: 60_000 }, () => {
  const prefix = randomPrefix();
  const unprovisioned = randomPrefix();
  const names = new TopicNames(prefix);
  const registry = new HttpSchemaRegistry({ url: TEST_REGISTRY_URL });
  let ids: Record<string, number>;

  // Cleanup runs only when set-up got through, so a missing service reports one clear error.
  let ready = false;

  before(async () => {
    await requireRegistry();
    ids = await registerSchemas(registry, { subjectPrefix: prefix });
    ready = true;
  });

  after(async () => {
    if (!ready) {
      return;
    }
    await deleteSubjects(registry, prefix);
    await deleteSubjects(registry, unprovisioned);
  });

  it('looks up a registered schema', async () => {
    const fresh = new HttpSchemaRegistry({ url: TEST_REGISTRY_URL });
    assert.equal(await fresh.lookup(names.valueSubject(TOPIC), readTopicSchema(TOPIC)), ids[TOPIC]);
  });

  it('returns the schema of an id', async () => {
    const fresh = new HttpSchemaRegistry({ url: TEST_REGISTRY_URL });
    assert.deepEqual(JSON.parse(await fresh.getSchema(ids[TOPIC]!)), JSON.parse(readTopicSchema(TOPIC)));
  });

  it('registers the same schema once', async () => {
    const again = await registerSchemas(new HttpSchemaRegistry({ url: TEST_REGISTRY_URL }), { subjectPrefix: prefix });
    assert.deepEqual(again, ids);
  });

  it('round-trips through AvroSerde without registering', async () => {
    const producer = new AvroSerde(new HttpSchemaRegistry({ url: TEST_REGISTRY_URL }), { autoRegister: false, subjectPrefix: prefix });
    const consumer = new AvroSerde(new HttpSchemaRegistry({ url: TEST_REGISTRY_URL }), { autoRegister: false, subjectPrefix: prefix });
    const bytes = await producer.encode(TOPIC, findingChanged('e-serde', 'f-serde'));

    assert.equal(bytes.readUInt32BE(1), ids[TOPIC]);
    assert.deepEqual(JSON.parse(JSON.stringify(await consumer.decode(TOPIC, bytes))), findingChanged('e-serde', 'f-serde'));
  });

  it('rejects encoding before provisioning', async () => {
    const serde = new AvroSerde(new HttpSchemaRegistry({ url: TEST_REGISTRY_URL }), { autoRegister: false, subjectPrefix: unprovisioned });
    await assert.rejects(serde.encode(TOPIC, findingChanged('e-none', 'f-none')), SchemaNotRegisteredError);
  });

  it('rejects a lookup of another schema', async () => {
    await assert.rejects(registry.lookup(names.valueSubject(TOPIC), readTopicSchema('sieve.finding.scored.v1')), SchemaNotRegisteredError);
  });

  it('rejects an unknown id', async () => {
    await assert.rejects(registry.getSchema(2_000_000_000), SchemaNotFoundError);
  });

  it('enforces BACKWARD after provisioning', async () => {
    const schema = JSON.parse(readTopicSchema(TOPIC)) as { fields: unknown[] };
    // A new field without a default cannot be read from old messages.
    schema.fields.push({ name: 'addedWithoutDefault', type: 'string' });
    await assert.rejects(registry.register(names.valueSubject(TOPIC), JSON.stringify(schema)), (error: unknown) => error instanceof SchemaRegistryError && error.status === 409);
  });

  it('names the URL and status of a failed request', async () => {
    const subject = names.valueSubject(TOPIC);
    await assert.rejects(registry.setCompatibility(subject, 'SOMETIMES' as never), (error: unknown) => {
      assert.ok(error instanceof SchemaRegistryError);
      assert.match(error.message, new RegExp(`PUT ${TEST_REGISTRY_URL}/config/${subject.replace(/\./g, '\\.')} failed: HTTP 422`));
      assert.equal(error.retriable, false);
      return true;
    });
  });
});

describe('HttpSchemaRegistry on a broken server', { timeout: 30_000 }, () => {
  let silent: Server;
  let url: string;

  before(async () => {
    // Accepts requests and never sends a response.
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });

  after(async () => {
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('times out', async () => {
    const registry = new HttpSchemaRegistry({ url, timeoutMs: 200 });
    await assert.rejects(registry.getSchema(1), (error: unknown) => {
      assert.ok(error instanceof SchemaRegistryError);
      assert.match(error.message, /GET http:\/\/127\.0\.0\.1:\d+\/schemas\/ids\/1 failed: timed out after 200 ms/);
      assert.equal(error.retriable, true);
      return true;
    });
  });

  it('reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const registry = new HttpSchemaRegistry({ url: closedUrl, timeoutMs: 2000 });
    await assert.rejects(registry.lookup('x-value', '"string"'), (error: unknown) => {
      assert.ok(error instanceof SchemaRegistryError);
      assert.match(error.message, /POST http:\/\/127\.0\.0\.1:\d+\/subjects\/x-value failed: .*ECONNREFUSED/);
      assert.equal(error.retriable, true);
      return true;
    });
  });

  it('does not cache a failure', async () => {
    const registry = new HttpSchemaRegistry({ url, timeoutMs: 100 });
    const first = registry.getSchema(7);
    await assert.rejects(first);
    assert.notEqual(registry.getSchema(7), first);
  });
});
