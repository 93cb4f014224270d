/** Counters of one topic, since the bus was created. */
export interface TopicCounters {
  published: number;
  consumed: number;
  handled: number;
  deadLettered: number;
  /** Handler calls repeated after a retriable error. */
  retries: number;
}

/** Cumulative histogram in the Prometheus layout: counts[i] is the number of observations <= bounds[i]. */
export interface LatencyHistogram {
  bounds: number[];
  counts: number[];
  count: number;
  sum: number;
}

export interface BusMetricsSnapshot {
  /** Keyed by catalogue topic name, without any prefix. */
  topics: Record<string, TopicCounters>;
  /** Seconds from a batch's arrival to its commit: decoding, handler calls with their retries, dead letters. */
  batchLatencySeconds: LatencyHistogram;
  /** State of each subscription's consumer, by consumer group. */
  consumers: Record<string, ConsumerState>;
}

export type ConsumerState = 'starting' | 'running' | 'crashed' | 'stopped';

const LATENCY_BOUNDS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The bus's counters, read as a plain object by a metrics endpoint. */
export class BusMetrics {
  private readonly topics = new Map<string, TopicCounters>();
  private readonly latencyCounts = LATENCY_BOUNDS_SECONDS.map(() => 0);
  private latencyCount = 0;
  private latencySum = 0;
  private readonly consumers = new Map<string, ConsumerState>();

  add(topic: string, counter: keyof TopicCounters, amount = 1): void {
    let counters = this.topics.get(topic);
    if (counters === undefined) {
      counters = { published: 0, consumed: 0, handled: 0, deadLettered: 0, retries: 0 };
      this.topics.set(topic, counters);
    }
    counters[counter] += amount;
  }

  observeBatchLatency(seconds: number): void {
    LATENCY_BOUNDS_SECONDS.forEach((bound, index) => {
      if (seconds <= bound) {
        this.latencyCounts[index]! += 1;
      }
    });
    this.latencyCount += 1;
    this.latencySum += seconds;
  }

  setConsumerState(group: string, state: ConsumerState): void {
    this.consumers.set(group, state);
  }

  snapshot(): BusMetricsSnapshot {
    return {
      topics: Object.fromEntries([...this.topics].map(([topic, counters]) => [topic, { ...counters }])),
      batchLatencySeconds: { bounds: [...LATENCY_BOUNDS_SECONDS], counts: [...this.latencyCounts], count: this.latencyCount, sum: this.latencySum },
      consumers: Object.fromEntries(this.consumers),
    };
  }
}
