import { deadLetterTopic, TOPIC_NAMES, valueSubject, type TopicName } from '@sieve/contracts';

// Kafka allows these characters in topic names (and at most 249 of them).
const LEGAL_PREFIX = /^[A-Za-z0-9._-]*$/;

/**
 * Maps catalogue topic names to the physical Kafka topic names, which carry
 * an optional prefix. Tests use a random prefix per file, so they never share
 * topics; production uses none.
 */
export class TopicNames {
  private readonly logicalByPhysical = new Map<string, TopicName>();

  constructor(readonly prefix = '') {
    if (!LEGAL_PREFIX.test(prefix)) {
      throw new Error(`invalid topic prefix "${prefix}": Kafka topic names allow only letters, digits, ".", "_" and "-"`);
    }
    for (const topic of TOPIC_NAMES) {
      this.logicalByPhysical.set(this.physical(topic), topic);
    }
  }

  physical(topic: TopicName): string {
    return `${this.prefix}${topic}`;
  }

  deadLetter(topic: TopicName): string {
    return `${this.prefix}${deadLetterTopic(topic)}`;
  }

  /** Registry subject of the physical topic's values (Confluent TopicNameStrategy). */
  valueSubject(topic: TopicName): string {
    return `${this.prefix}${valueSubject(topic)}`;
  }

  /** Returns the catalogue name of a physical topic, or throws for a topic outside the catalogue. */
  logical(physical: string): TopicName {
    const topic = this.logicalByPhysical.get(physical);
    if (topic === undefined) {
      throw new Error(`topic ${physical} is not in the topic catalogue (prefix "${this.prefix}")`);
    }
    return topic;
  }
}
