import { setTimeout as delay } from 'node:timers/promises';
import kafkajs, { type Admin } from 'kafkajs';
import { TOPIC_NAMES, TOPICS } from '@sieve/contracts';
import { TopicNames } from './topic-names.js';

// kafkajs is CommonJS and Node's ESM loader does not see every named export, so these come from the default export.
const { ConfigResourceTypes } = kafkajs;

export interface TopicProvisioningOptions {
  /** Put before every topic name, as the bus's topicPrefix. Default empty. */
  topicPrefix?: string;
  /** Replicas of every partition. Default 1, for a single local broker; production clusters want 3. */
  replicationFactor?: number;
  /** How long to wait for every partition to have a leader, in milliseconds. Default 30000. */
  readyTimeoutMs?: number;
}

/** One physical topic as the catalogue wants it. */
export interface TopicLayout {
  name: string;
  partitions: number;
  compacted: boolean;
}

export interface TopicProvisioningResult {
  created: string[];
  existing: string[];
  /** Existing topics whose partitions or cleanup policy differ from the catalogue, one sentence each. */
  mismatches: string[];
}

// Dead letters are rare and read by people or a replay tool, which care about
// the order in which they failed, not about spreading load: one partition
// keeps that order. Each dead letter names its origin partition in a header.
const DEAD_LETTER_PARTITIONS = 1;

/** Lists every topic of the catalogue and its `.dlq` twin, with the physical names for a prefix. */
export function topicLayouts(topicPrefix = ''): TopicLayout[] {
  const names = new TopicNames(topicPrefix);
  return TOPIC_NAMES.flatMap((topic) => [
    { name: names.physical(topic), partitions: TOPICS[topic].partitions, compacted: TOPICS[topic].compacted },
    { name: names.deadLetter(topic), partitions: DEAD_LETTER_PARTITIONS, compacted: false },
  ]);
}

/**
 * Creates the topics of the catalogue that do not exist yet, compacted ones
 * with `cleanup.policy=compact`, and waits until every partition has a leader.
 * Existing topics are never changed: adding partitions would move keys to
 * other partitions and break their order, so a difference is only reported.
 * Running it again is harmless.
 */
export async function provisionTopics(admin: Admin, options: TopicProvisioningOptions = {}): Promise<TopicProvisioningResult> {
  const layouts = topicLayouts(options.topicPrefix);
  const present = new Set(await admin.listTopics());
  const created: string[] = [];
  const existing: string[] = [];

  for (const layout of layouts) {
    // One topic per request, because createTopics resolves false, not an error, when a topic
    // exists already: a topic just created elsewhere may not be listed yet.
    const isNew =
      !present.has(layout.name) &&
      (await admin.createTopics({
        waitForLeaders: false,
        topics: [
          {
            topic: layout.name,
            numPartitions: layout.partitions,
            replicationFactor: options.replicationFactor ?? 1,
            configEntries: [{ name: 'cleanup.policy', value: layout.compacted ? 'compact' : 'delete' }],
          },
        ],
      }));
    (isNew ? created : existing).push(layout.name);
  }

  await waitForLeaders(admin, layouts.map((layout) => layout.name), options.readyTimeoutMs ?? 30_000);
  return { created, existing, mismatches: await findMismatches(admin, layouts) };
}

// Right after creation, a KRaft broker can return UNKNOWN_TOPIC_OR_PARTITION
// for a metadata request for a short while. kafkajs 2.2.4's own wait
// (createTopics with waitForLeaders) gives up on that error, so this polls.
const NOT_READY_ERRORS = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

async function waitForLeaders(admin: Admin, topics: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let waitingFor: string;
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      const leaderless = metadata.topics.find((topic) => topic.partitions.length === 0 || topic.partitions.some((partition) => partition.leader < 0));
      if (leaderless === undefined) {
        return;
      }
      waitingFor = `a leader for every partition of ${leaderless.name}`;
    } catch (error) {
      if (!NOT_READY_ERRORS.has((error as { type?: string }).type ?? '')) {
        throw error;
      }
      waitingFor = `topic metadata (${(error as Error).message})`;
    }
    if (Date.now() > deadline) {
      throw new Error(`topics not ready after ${timeoutMs} ms: still waiting for ${waitingFor}`);
    }
    await delay(100);
  }
}

async function findMismatches(admin: Admin, layouts: TopicLayout[]): Promise<string[]> {
  if (layouts.length === 0) {
    return [];
  }
  const metadata = await admin.fetchTopicMetadata({ topics: layouts.map((layout) => layout.name) });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: layouts.map((layout) => ({ type: ConfigResourceTypes.TOPIC, name: layout.name, configNames: ['cleanup.policy'] })),
  });

  const mismatches: string[] = [];
  for (const layout of layouts) {
    const partitions = metadata.topics.find((topic) => topic.name === layout.name)?.partitions.length;
    if (partitions !== layout.partitions) {
      mismatches.push(`${layout.name} has ${partitions ?? 'no'} partitions, expected ${layout.partitions} from the catalogue`);
    }
    const resource = configs.resources.find((entry) => entry.resourceName === layout.name);
    const policy = resource?.configEntries.find((entry) => entry.configName === 'cleanup.policy')?.configValue;
    const expected = layout.compacted ? 'compact' : 'delete';
    if (policy !== expected) {
      mismatches.push(`${layout.name} has cleanup.policy=${policy ?? 'unknown'}, expected ${expected} from the catalogue`);
    }
  }
  return mismatches;
}
