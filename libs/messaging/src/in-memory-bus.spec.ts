import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AvroSerde, InProcessSchemaRegistry, type FindingChanged } from '@sieve/contracts';
import { InMemoryBus } from './in-memory-bus.js';
import type { ConsumedMessage } from './message-bus.port.js';

function changed(n: number): FindingChanged {
  return {
    eventId: `event-${n}`,
    findingId: `finding-${n}`,
    identityKey: `key-${n}`,
    asset: 'web',
    change: 'created',
    status: 'open',
    reportId: null,
    occurredAt: 1764892800000 + n,
  };
}

function newBus(): InMemoryBus {
  return new InMemoryBus(new AvroSerde(new InProcessSchemaRegistry()), { maxAttempts: 2 });
}

describe('InMemoryBus', () => {
  it('delivers decoded messages in publish order', async () => {
    const bus = newBus();
    const seen: string[] = [];
    bus.subscribe({ group: 'g', topics: ['sieve.finding.canonical.v1'], handler: async (batch) => void seen.push(...batch.map((m) => (m.value as FindingChanged).findingId)) });
    await bus.publish([1, 2, 3].map((n) => ({ topic: 'sieve.finding.canonical.v1', value: changed(n) })), 'test');
    await bus.drain();
    assert.deepEqual(seen, ['finding-1', 'finding-2', 'finding-3']);
  });

  it('keys messages by the catalogue field', async () => {
    const bus = newBus();
    let keys: string[] = [];
    bus.subscribe({ group: 'g', topics: ['sieve.finding.canonical.v1'], handler: async (batch) => void (keys = batch.map((m) => m.key)) });
    await bus.publish([{ topic: 'sieve.finding.canonical.v1', value: changed(7) }], 'test');
    await bus.drain();
    assert.deepEqual(keys, ['finding-7']);
  });

  it('limits batch size', async () => {
    const bus = newBus();
    const sizes: number[] = [];
    bus.subscribe({ group: 'g', topics: ['sieve.finding.canonical.v1'], maxBatchSize: 2, handler: async (batch) => void sizes.push(batch.length) });
    await bus.publish([1, 2, 3, 4, 5].map((n) => ({ topic: 'sieve.finding.canonical.v1', value: changed(n) })), 'test');
    await bus.drain();
    assert.deepEqual(sizes, [2, 2, 1]);
  });

  it('dead-letters only the failing message', async () => {
    const bus = newBus();
    const handled: string[] = [];
    bus.subscribe({
      group: 'g',
      topics: ['sieve.finding.canonical.v1'],
      handler: async (batch: ConsumedMessage[]) => {
        if (batch.some((m) => (m.value as FindingChanged).findingId === 'finding-2')) throw new Error('poison');
        handled.push(...batch.map((m) => (m.value as FindingChanged).findingId));
      },
    });
    await bus.publish([1, 2, 3].map((n) => ({ topic: 'sieve.finding.canonical.v1', value: changed(n) })), 'test');
    await bus.drain();
    assert.deepEqual(handled, ['finding-1', 'finding-3']);
    assert.equal(bus.deadLetters.length, 1);
    assert.equal(bus.deadLetters[0]?.error, 'poison');
  });

  it('rejects a value that breaks the schema at publish', async () => {
    const bus = newBus();
    const invalid = { ...changed(1), change: 'deleted' } as unknown as FindingChanged;
    await assert.rejects(bus.publish([{ topic: 'sieve.finding.canonical.v1', value: invalid }], 'test'), /change/);
  });
});
