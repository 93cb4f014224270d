import { readTopicSchema, TOPIC_NAMES, type CompatibilityLevel, type TopicName } from '@sieve/contracts';
import { TopicNames } from './topic-names.js';

/** The registry methods that schema provisioning calls; HttpSchemaRegistry implements them. */
export interface SchemaProvisioningRegistry {
  register(subject: string, schema: string): Promise<number>;
  setCompatibility(subject: string | null, level: CompatibilityLevel): Promise<void>;
}

export interface SchemaProvisioningOptions {
  /** Put before every subject name, as the bus's topicPrefix. Default empty. */
  subjectPrefix?: string;
  /** Level set on each subject. Default BACKWARD: Apicurio's own default is NONE, which checks nothing. */
  compatibility?: CompatibilityLevel;
}

/**
 * Registers the committed schema of every topic under `<topic>-value` and
 * sets the subject's compatibility level. Registering a schema that is
 * already there returns its id, so running it again is harmless. The registry
 * rejects a schema that breaks the level already set on its subject.
 * Returns the schema id of each topic.
 */
export async function registerSchemas(registry: SchemaProvisioningRegistry, options: SchemaProvisioningOptions = {}): Promise<Record<TopicName, number>> {
  const names = new TopicNames(options.subjectPrefix);
  const ids: Partial<Record<TopicName, number>> = {};
  for (const topic of TOPIC_NAMES) {
    const subject = names.valueSubject(topic);
    ids[topic] = await registry.register(subject, readTopicSchema(topic));
    // Set after registering, because Apicurio 3.3 keeps a level set on a subject that does not
    // exist yet, even after that subject is created and deleted again.
    await registry.setCompatibility(subject, options.compatibility ?? 'BACKWARD');
  }
  return ids as Record<TopicName, number>;
}
