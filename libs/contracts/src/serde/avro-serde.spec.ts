import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FindingChanged } from '../generated/types.js';
import { InProcessSchemaRegistry } from '../registry/in-process-schema-registry.js';
import { SchemaNotRegisteredError } from '../registry/schema-registry.port.js';
import { readTopicSchema } from '../schema-files.js';
import { AvroSerde } from './avro-serde.js';
import { DecodeError, EncodeError } from './decode-error.js';

const changed: FindingChanged = {
  eventId: '01931a2b-0000-7000-8000-000000000001',
  findingId: '01931a2b-0000-7000-8000-000000000002',
  identityKey: 'dep|web|pkg:npm/lodash|4.17.15|CVE-2020-8203',
  asset: 'web',
  change: 'created',
  status: 'open',
  reportId: null,
  occurredAt: 1764892800000,
};

describe('AvroSerde', () => {
  it('round-trips with Confluent framing', async () => {
    const serde = new AvroSerde(new InProcessSchemaRegistry());
    const bytes = await serde.encode('sieve.finding.canonical.v1', changed);
    assert.equal(bytes[0], 0);
    assert.deepEqual(plain(await serde.decode('sieve.finding.canonical.v1', bytes)), changed);
  });

  it('writes the registered schema id', async () => {
    const registry = new InProcessSchemaRegistry();
    const serde = new AvroSerde(registry);
    const bytes = await serde.encode('sieve.finding.canonical.v1', changed);
    assert.deepEqual(registry.versionsOf('sieve.finding.canonical.v1-value'), [bytes.readUInt32BE(1)]);
  });

  it('reads single-object encoding', async () => {
    const serde = new AvroSerde(new InProcessSchemaRegistry());
    const bytes = serde.encodeSingleObject('sieve.finding.canonical.v1', changed);
    assert.deepEqual([bytes[0], bytes[1]], [0xc3, 0x01]);
    assert.deepEqual(plain(await serde.decode('sieve.finding.canonical.v1', bytes)), changed);
  });

  it('rejects an unknown framing byte', async () => {
    const serde = new AvroSerde(new InProcessSchemaRegistry());
    await assert.rejects(serde.decode('sieve.finding.canonical.v1', Buffer.from('{"json":true}')), DecodeError);
  });

  it('rejects an unknown schema id', async () => {
    const serde = new AvroSerde(new InProcessSchemaRegistry());
    const bytes = Buffer.from([0, 0, 0, 0, 42, 1, 2, 3]);
    await assert.rejects(serde.decode('sieve.finding.canonical.v1', bytes), /writer schema 42 is not available/);
  });

  it('rejects a truncated body', async () => {
    const serde = new AvroSerde(new InProcessSchemaRegistry());
    const bytes = await serde.encode('sieve.finding.canonical.v1', changed);
    await assert.rejects(serde.decode('sieve.finding.canonical.v1', bytes.subarray(0, 20)), DecodeError);
  });

  it('looks up the id when autoRegister is off', async () => {
    const registry = new InProcessSchemaRegistry();
    const id = await registry.register('sieve.finding.canonical.v1-value', readTopicSchema('sieve.finding.canonical.v1'));
    const bytes = await new AvroSerde(registry, { autoRegister: false }).encode('sieve.finding.canonical.v1', changed);
    assert.equal(bytes.readUInt32BE(1), id);
  });

  it('rejects an unregistered schema when autoRegister is off', async () => {
    const serde = new AvroSerde(new InProcessSchemaRegistry(), { autoRegister: false });
    await assert.rejects(serde.encode('sieve.finding.canonical.v1', changed), SchemaNotRegisteredError);
  });

  it('prefixes the subject', async () => {
    const registry = new InProcessSchemaRegistry();
    await new AvroSerde(registry, { autoRegister: true, subjectPrefix: 'test.' }).encode('sieve.finding.canonical.v1', changed);
    assert.equal(registry.versionsOf('test.sieve.finding.canonical.v1-value').length, 1);
  });

  it('retries a failed lookup', async () => {
    const registry = new InProcessSchemaRegistry();
    const serde = new AvroSerde(registry, { autoRegister: false });
    await assert.rejects(serde.encode('sieve.finding.canonical.v1', changed), SchemaNotRegisteredError);
    await registry.register('sieve.finding.canonical.v1-value', readTopicSchema('sieve.finding.canonical.v1'));
    assert.equal((await serde.encode('sieve.finding.canonical.v1', changed))[0], 0);
  });

  it('names the invalid field on encode', async () => {
    const serde = new AvroSerde(new InProcessSchemaRegistry());
    const invalid = { ...changed, status: 'closed' } as unknown as FindingChanged;
    await assert.rejects(serde.encode('sieve.finding.canonical.v1', invalid), (error: unknown) => error instanceof EncodeError && error.message.includes('status'));
  });
});

// avsc decodes records into instances of generated classes; compare their data only.
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
