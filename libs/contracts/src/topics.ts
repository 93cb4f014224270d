import type {
  AssetContext,
  FindingChanged,
  FindingEnriched,
  NormalizedFinding,
  ReportParsed,
  ReportReceived,
  ScoredFinding,
  VulnerabilityIntel,
} from './generated/types.js';

/** One Kafka topic: its contract, the field its key comes from, and its layout. */
export interface TopicDefinition {
  name: string;
  schemaFile: string;
  keyField: string;
  keyDescription: string;
  partitions: number;
  compacted: boolean;
  producer: string;
  consumers: string[];
}

/** Payload type of each topic, so producers and consumers are checked at compile time. */
export interface TopicPayloads {
  'sieve.report.received.v1': ReportReceived;
  'sieve.report.parsed.v1': ReportParsed;
  'sieve.finding.normalized.v1': NormalizedFinding;
  'sieve.finding.canonical.v1': FindingChanged;
  'sieve.finding.enriched.v1': FindingEnriched;
  'sieve.finding.scored.v1': ScoredFinding;
  'sieve.asset.context.v1': AssetContext;
  'sieve.intel.vulnerability.v1': VulnerabilityIntel;
}

export type TopicName = keyof TopicPayloads;

// Report and normalized-finding topics are keyed by asset, so every report of
// one asset lands on one partition and two reports never race on the same
// canonical finding.
export const TOPICS: Record<TopicName, TopicDefinition> = {
  'sieve.report.received.v1': {
    name: 'sieve.report.received.v1',
    schemaFile: 'sieve.report.received.v1.avsc',
    keyField: 'asset',
    keyDescription: 'asset name',
    partitions: 6,
    compacted: false,
    producer: 'ingest',
    consumers: ['normalize'],
  },
  'sieve.report.parsed.v1': {
    name: 'sieve.report.parsed.v1',
    schemaFile: 'sieve.report.parsed.v1.avsc',
    keyField: 'asset',
    keyDescription: 'asset name',
    partitions: 6,
    compacted: false,
    producer: 'normalize',
    consumers: ['dedup'],
  },
  'sieve.finding.normalized.v1': {
    name: 'sieve.finding.normalized.v1',
    schemaFile: 'sieve.finding.normalized.v1.avsc',
    keyField: 'asset',
    keyDescription: 'asset name',
    partitions: 6,
    compacted: false,
    producer: 'normalize',
    consumers: ['dedup'],
  },
  'sieve.finding.canonical.v1': {
    name: 'sieve.finding.canonical.v1',
    schemaFile: 'sieve.finding.canonical.v1.avsc',
    keyField: 'findingId',
    keyDescription: 'finding id',
    partitions: 6,
    compacted: false,
    producer: 'dedup',
    consumers: ['enrich'],
  },
  'sieve.finding.enriched.v1': {
    name: 'sieve.finding.enriched.v1',
    schemaFile: 'sieve.finding.enriched.v1.avsc',
    keyField: 'findingId',
    keyDescription: 'finding id',
    partitions: 6,
    compacted: false,
    producer: 'enrich',
    consumers: ['score'],
  },
  'sieve.finding.scored.v1': {
    name: 'sieve.finding.scored.v1',
    schemaFile: 'sieve.finding.scored.v1.avsc',
    keyField: 'findingId',
    keyDescription: 'finding id',
    partitions: 6,
    compacted: false,
    producer: 'score',
    consumers: ['report', 'downstream systems'],
  },
  'sieve.asset.context.v1': {
    name: 'sieve.asset.context.v1',
    schemaFile: 'sieve.asset.context.v1.avsc',
    keyField: 'asset',
    keyDescription: 'asset name',
    partitions: 3,
    compacted: true,
    producer: 'context loaders',
    consumers: ['enrich'],
  },
  'sieve.intel.vulnerability.v1': {
    name: 'sieve.intel.vulnerability.v1',
    schemaFile: 'sieve.intel.vulnerability.v1.avsc',
    keyField: 'vulnerabilityId',
    keyDescription: 'vulnerability id',
    partitions: 3,
    compacted: true,
    producer: 'intel loaders',
    consumers: ['enrich'],
  },
};

export const TOPIC_NAMES = Object.keys(TOPICS) as TopicName[];

/** Dead-letter twin of a topic. */
export function deadLetterTopic(topic: TopicName): string {
  return `${topic}.dlq`;
}

/** Registry subject of a topic's value schema (Confluent TopicNameStrategy). */
export function valueSubject(topic: TopicName): string {
  return `${topic}-value`;
}

/** Reads the message key of a payload from the field the catalogue names. */
export function messageKey<T extends TopicName>(topic: T, payload: TopicPayloads[T]): string {
  const value = (payload as unknown as Record<string, unknown>)[TOPICS[topic].keyField];
  return typeof value === 'string' ? value : String(value);
}
