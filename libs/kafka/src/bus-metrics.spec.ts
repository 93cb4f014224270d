import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BusMetrics } from './bus-metrics.js';

describe('BusMetrics', () => {
  it('counts per topic', () => {
    const metrics = new BusMetrics();
    metrics.add('sieve.finding.scored.v1', 'consumed', 3);
    metrics.add('sieve.finding.scored.v1', 'deadLettered');
    assert.deepEqual(metrics.snapshot().topics['sieve.finding.scored.v1'], { published: 0, consumed: 3, handled: 0, deadLettered: 1, retries: 0 });
  });

  it('fills cumulative latency buckets', () => {
    const metrics = new BusMetrics();
    metrics.observeBatchLatency(0.02);
    const histogram = metrics.snapshot().batchLatencySeconds;
    assert.deepEqual(histogram.counts.slice(0, 3), [0, 0, 1]);
    assert.equal(histogram.counts[histogram.counts.length - 1], 1);
  });

  it('counts and sums latency', () => {
    const metrics = new BusMetrics();
    metrics.observeBatchLatency(0.5);
    metrics.observeBatchLatency(1.5);
    assert.equal(metrics.snapshot().batchLatencySeconds.count, 2);
    assert.equal(metrics.snapshot().batchLatencySeconds.sum, 2);
  });

  it('returns a copy', () => {
    const metrics = new BusMetrics();
    metrics.add('sieve.finding.scored.v1', 'handled');
    metrics.snapshot().topics['sieve.finding.scored.v1']!.handled = 99;
    assert.equal(metrics.snapshot().topics['sieve.finding.scored.v1']!.handled, 1);
  });

  it('records consumer states', () => {
    const metrics = new BusMetrics();
    metrics.setConsumerState('score', 'running');
    assert.deepEqual(metrics.snapshot().consumers, { score: 'running' });
  });
});
