import { TOPICS, deadLetterTopic, valueSubject, type TopicName } from '../topics.js';

/** Renders docs/topics.md, the reference page of every topic, from the catalogue. */
export function renderTopicsPage(): string {
  const lines = [
    '# Topics',
    '',
    'Generated from `libs/contracts/src/topics.ts` by `npx tsx scripts/generate-topics-doc.ts`; do not edit.',
    '',
    'Every value is Avro with the schema in `schemas/`, framed for a schema registry (magic byte 0 and a 4-byte schema id) under the subject `<topic>-value`. Every topic has a dead-letter twin `<topic>.dlq`.',
    '',
    '| topic | key | partitions | compacted | producer | consumers | schema | dead letters |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const name of Object.keys(TOPICS) as TopicName[]) {
    const topic = TOPICS[name];
    lines.push(
      `| \`${topic.name}\` | ${topic.keyDescription} | ${topic.partitions} | ${topic.compacted ? 'yes' : 'no'} | ${topic.producer} | ${topic.consumers.join(', ')} | \`schemas/${topic.schemaFile}\` (subject \`${valueSubject(name)}\`) | \`${deadLetterTopic(name)}\` |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
