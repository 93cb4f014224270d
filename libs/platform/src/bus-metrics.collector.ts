import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { KafkaBus } from '@sieve/kafka';

/**
 * Builds the service's Prometheus registry: Node's default metrics plus the
 * bus counters, read from the bus at scrape time, and consumer lag from a
 * function the caller supplies.
 */
export function createMetricsRegistry(service: string, bus: KafkaBus | null, lag: () => Promise<Record<string, number>>): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });

  // The first bus metric refreshes all of them when scraped; prom-client
  // reads metrics in registration order, so the others see fresh values.
  const counters = {
    published: new Gauge({
      name: 'sieve_messages_published_total',
      help: 'Messages published, by topic.',
      labelNames: ['topic'],
      registers: [registry],
      collect: () => refresh(),
    }),
    consumed: new Gauge({ name: 'sieve_messages_consumed_total', help: 'Messages consumed, by topic.', labelNames: ['topic'], registers: [registry] }),
    handled: new Gauge({ name: 'sieve_messages_handled_total', help: 'Messages handled successfully, by topic.', labelNames: ['topic'], registers: [registry] }),
    deadLettered: new Gauge({ name: 'sieve_messages_dead_lettered_total', help: 'Messages sent to the dead-letter topic, by topic.', labelNames: ['topic'], registers: [registry] }),
    retries: new Gauge({ name: 'sieve_handler_retries_total', help: 'Handler calls repeated after a retriable error, by topic.', labelNames: ['topic'], registers: [registry] }),
  };
  const latencySum = new Gauge({ name: 'sieve_batch_seconds_sum', help: 'Total seconds from batch arrival to commit.', registers: [registry] });
  const latencyCount = new Gauge({ name: 'sieve_batch_seconds_count', help: 'Batches committed.', registers: [registry] });
  const lagGauge = new Gauge({ name: 'sieve_consumer_lag', help: 'Messages not yet consumed, by topic, for this service\'s consumer groups.', labelNames: ['topic'], registers: [registry] });

  async function refresh(): Promise<void> {
    if (bus !== null) {
      const snapshot = bus.metricsSnapshot();
      for (const [topic, values] of Object.entries(snapshot.topics)) {
        for (const [name, gauge] of Object.entries(counters)) {
          gauge.set({ topic }, values[name as keyof typeof values]);
        }
      }
      latencySum.set(snapshot.batchLatencySeconds.sum);
      latencyCount.set(snapshot.batchLatencySeconds.count);
    }
    for (const [topic, value] of Object.entries(await lag().catch(() => ({})))) {
      lagGauge.set({ topic }, value);
    }
  }

  return registry;
}
