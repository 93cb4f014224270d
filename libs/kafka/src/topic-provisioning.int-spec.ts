import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import kafkajs, { type Admin } from 'kafkajs';
import { TOPIC_NAMES } from '@sieve/contracts';
import { deleteKafkaObjects, randomPrefix, requireKafka, testKafka } from './kafka-test.support.js';
import { provisionTopics, topicLayouts } from './topic-provisioning.js';
import { TopicNames } from './topic-names.js';

const { ConfigResourceTypes } = kafkajs;

describe('provisionTopics', { timeout: 60_000 }, () => {
  const prefix = randomPrefix();
  const names = new TopicNames(prefix);
  let admin: Admin;

  // Cleanup runs only when set-up got through, so a missing service reports one clear error.
  let ready = false;

  before(async () => {
    await requireKafka();
    admin = testKafka().admin();
    await admin.connect();
    ready = true;
  });

  after(async () => {
    if (!ready) {
      return;
    }
    await deleteKafkaObjects(admin, prefix);
    await admin.disconnect();
  });

  async function cleanupPolicy(topic: string): Promise<string | undefined> {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy'] }],
    });
    return resources[0]?.configEntries.find((entry) => entry.configName === 'cleanup.policy')?.configValue;
  }

  async function partitionCount(topic: string): Promise<number | undefined> {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0]?.partitions.length;
  }

  it('creates every topic and its twin', async () => {
    const result = await provisionTopics(admin, { topicPrefix: prefix });
    const present = new Set(await admin.listTopics());
    assert.equal(result.created.length, TOPIC_NAMES.length * 2);
    assert.deepEqual(
      topicLayouts(prefix).filter((layout) => !present.has(layout.name)),
      [],
    );
  });

  it('is harmless the second time', async () => {
    const result = await provisionTopics(admin, { topicPrefix: prefix });
    assert.deepEqual(result.created, []);
    assert.equal(result.existing.length, TOPIC_NAMES.length * 2);
    assert.deepEqual(result.mismatches, []);
  });

  it('compacts the compacted topics', async () => {
    assert.equal(await cleanupPolicy(names.physical('sieve.asset.context.v1')), 'compact');
    assert.equal(await cleanupPolicy(names.physical('sieve.intel.vulnerability.v1')), 'compact');
  });

  it('deletes by retention elsewhere', async () => {
    assert.equal(await cleanupPolicy(names.physical('sieve.finding.scored.v1')), 'delete');
    assert.equal(await cleanupPolicy(names.deadLetter('sieve.asset.context.v1')), 'delete');
  });

  it('uses the catalogue partitions', async () => {
    assert.equal(await partitionCount(names.physical('sieve.finding.canonical.v1')), 6);
    assert.equal(await partitionCount(names.physical('sieve.asset.context.v1')), 3);
  });

  it('gives dead-letter topics one partition', async () => {
    assert.equal(await partitionCount(names.deadLetter('sieve.finding.canonical.v1')), 1);
  });

  it('reports a topic with other partitions', async () => {
    const otherPrefix = `${prefix}other.`;
    const other = new TopicNames(otherPrefix);
    await admin.createTopics({ waitForLeaders: false, topics: [{ topic: other.physical('sieve.report.received.v1'), numPartitions: 2 }] });

    const result = await provisionTopics(admin, { topicPrefix: otherPrefix });
    assert.deepEqual(result.mismatches, [`${other.physical('sieve.report.received.v1')} has 2 partitions, expected 6 from the catalogue`]);
    assert.equal(await partitionCount(other.physical('sieve.report.received.v1')), 2);
  });
});
