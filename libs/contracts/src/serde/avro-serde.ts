import avro from 'avsc';
import { readTopicSchema } from '../schema-files.js';
import type { SchemaRegistry } from '../registry/schema-registry.port.js';
import { TOPICS, valueSubject, type TopicName, type TopicPayloads } from '../topics.js';
import { DecodeError, EncodeError } from './decode-error.js';
import { rabinFingerprint } from './rabin-fingerprint.js';

const CONFLUENT_MAGIC = 0x00;
const SINGLE_OBJECT_MAGIC = Buffer.from([0xc3, 0x01]);

export interface AvroSerdeOptions {
  /**
   * Register the committed schema on first use. Embedded mode and tests do.
   * Production services leave it off, because the provisioning step registers
   * the schemas, and look up the id of the schema they were built with.
   */
  autoRegister: boolean;
  /**
   * Put before every subject name, so that topics renamed with a prefix (for
   * example in tests) keep the `<physical topic>-value` subjects. Empty by default.
   */
  subjectPrefix?: string;
}

/**
 * Encodes topic payloads as Avro with Confluent framing (magic byte 0, 4-byte
 * big-endian schema id) and decodes both that framing and Avro single-object
 * encoding (C3 01 and an 8-byte CRC-64-AVRO fingerprint). Decoding resolves the
 * writer schema to the reader schema this build was compiled with, so old and
 * new producers can share a topic within one major version.
 */
export class AvroSerde {
  private readonly readerTypes = new Map<TopicName, avro.Type>();
  private readonly writerIds = new Map<TopicName, Promise<number>>();
  private readonly resolvers = new Map<string, Promise<avro.Resolver>>();
  private readonly fingerprints = new Map<string, TopicName>();

  constructor(
    private readonly registry: SchemaRegistry,
    private readonly options: AvroSerdeOptions = { autoRegister: true },
  ) {}

  async encode<T extends TopicName>(topic: T, value: TopicPayloads[T]): Promise<Buffer> {
    const type = this.readerType(topic);
    const invalidPaths: string[] = [];
    if (!type.isValid(value, { errorHook: (path) => invalidPaths.push(path.join('.')) })) {
      throw new EncodeError(topic, invalidPaths);
    }
    const id = await this.writerId(topic);
    const body = type.toBuffer(value);
    const header = Buffer.alloc(5);
    header.writeUInt8(CONFLUENT_MAGIC, 0);
    header.writeUInt32BE(id, 1);
    return Buffer.concat([header, body]);
  }

  /** Encodes with Avro single-object encoding, for consumers without a registry. */
  encodeSingleObject<T extends TopicName>(topic: T, value: TopicPayloads[T]): Buffer {
    const type = this.readerType(topic);
    return Buffer.concat([SINGLE_OBJECT_MAGIC, this.fingerprintOf(topic), type.toBuffer(value)]);
  }

  async decode<T extends TopicName>(topic: T, message: Buffer | null): Promise<TopicPayloads[T]> {
    if (message === null || message.length === 0) {
      throw new DecodeError(topic, 'the message value is empty');
    }
    if (message[0] === CONFLUENT_MAGIC) {
      return this.decodeConfluent(topic, message);
    }
    if (message.length >= 10 && message.subarray(0, 2).equals(SINGLE_OBJECT_MAGIC)) {
      return this.decodeSingleObject(topic, message);
    }
    throw new DecodeError(topic, `unknown framing: first byte 0x${message[0]!.toString(16).padStart(2, '0')} (expected 0x00 or 0xc3 0x01)`);
  }

  private async decodeConfluent<T extends TopicName>(topic: T, message: Buffer): Promise<TopicPayloads[T]> {
    if (message.length < 5) {
      throw new DecodeError(topic, `message of ${message.length} bytes is shorter than the 5-byte Confluent header`);
    }
    const schemaId = message.readUInt32BE(1);
    const resolver = await this.resolverFor(topic, schemaId);
    try {
      return this.readerType(topic).fromBuffer(message.subarray(5), resolver) as TopicPayloads[T];
    } catch (error) {
      throw new DecodeError(topic, `Avro body does not match writer schema ${schemaId}: ${(error as Error).message}`, { cause: error });
    }
  }

  private decodeSingleObject<T extends TopicName>(topic: T, message: Buffer): TopicPayloads[T] {
    const fingerprint = message.subarray(2, 10).toString('hex');
    this.fingerprintOf(topic);
    if (this.fingerprints.get(fingerprint) !== topic) {
      throw new DecodeError(topic, `single-object fingerprint ${fingerprint} is not the schema of this topic`);
    }
    try {
      return this.readerType(topic).fromBuffer(message.subarray(10)) as TopicPayloads[T];
    } catch (error) {
      throw new DecodeError(topic, `Avro body does not match the schema: ${(error as Error).message}`, { cause: error });
    }
  }

  private readerType(topic: TopicName): avro.Type {
    let type = this.readerTypes.get(topic);
    if (type === undefined) {
      type = avro.Type.forSchema(JSON.parse(readTopicSchema(topic)) as avro.Schema);
      this.readerTypes.set(topic, type);
    }
    return type;
  }

  private fingerprintOf(topic: TopicName): Buffer {
    const fingerprint = rabinFingerprint(JSON.stringify(this.readerType(topic).schema()));
    this.fingerprints.set(fingerprint.toString('hex'), topic);
    return fingerprint;
  }

  private writerId(topic: TopicName): Promise<number> {
    let id = this.writerIds.get(topic);
    if (id === undefined) {
      id = this.fetchWriterId(topic);
      // A failed registry call is not cached, so the next message tries again.
      id.catch(() => this.writerIds.delete(topic));
      this.writerIds.set(topic, id);
    }
    return id;
  }

  private fetchWriterId(topic: TopicName): Promise<number> {
    const subject = `${this.options.subjectPrefix ?? ''}${valueSubject(topic)}`;
    if (this.options.autoRegister) {
      return this.registry.register(subject, readTopicSchema(topic));
    }
    if (this.registry.lookup === undefined) {
      return Promise.reject(new Error(`cannot encode ${TOPICS[topic].name}: autoRegister is off and the schema registry has no lookup`));
    }
    return this.registry.lookup(subject, readTopicSchema(topic));
  }

  private resolverFor(topic: TopicName, schemaId: number): Promise<avro.Resolver> {
    const cacheKey = `${topic}:${schemaId}`;
    let resolver = this.resolvers.get(cacheKey);
    if (resolver === undefined) {
      resolver = this.registry.getSchema(schemaId).then(
        (text) => {
          const writer = avro.Type.forSchema(JSON.parse(text) as avro.Schema);
          try {
            return this.readerType(topic).createResolver(writer);
          } catch (error) {
            throw new DecodeError(topic, `writer schema ${schemaId} cannot be read with this reader: ${(error as Error).message}`, { cause: error });
          }
        },
        (error: unknown) => {
          throw new DecodeError(topic, `writer schema ${schemaId} is not available: ${(error as Error).message}`, { cause: error });
        },
      );
      resolver.catch(() => this.resolvers.delete(cacheKey));
      this.resolvers.set(cacheKey, resolver);
    }
    return resolver;
  }
}
