import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOPICS, type TopicName } from './topics.js';

/** The repository's schemas/ folder, found relative to this file. */
export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../schemas');

const cache = new Map<TopicName, string>();

/** Returns the Avro schema text of a topic's current version, as committed in schemas/. */
export function readTopicSchema(topic: TopicName): string {
  let text = cache.get(topic);
  if (text === undefined) {
    text = readFileSync(join(SCHEMA_DIR, TOPICS[topic].schemaFile), 'utf8');
    cache.set(topic, text);
  }
  return text;
}
