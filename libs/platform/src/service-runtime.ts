import 'reflect-metadata';
import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { baseServiceConfigSchema, ConfigError, httpPort, kafkaSecurityOf, loadConfig, type BaseServiceConfig } from '@sieve/config';
import { AvroSerde, HttpSchemaRegistry } from '@sieve/contracts';
import { createKafkaClient, KafkaBus, TopicNames } from '@sieve/kafka';
import { openDatabase, UnitOfWork } from '@sieve/persistence';
import { createLogger, startTracing } from '@sieve/telemetry';
import type { Subscription } from '@sieve/messaging';
import type { Admin } from 'kafkajs';
import type { z } from 'zod';
import { createMetricsRegistry } from './bus-metrics.collector.js';
import { HealthController } from './health.controller.js';
import { KafkaTransport } from './kafka.transport.js';
import { MetricsController } from './metrics.controller.js';
import { METRICS_REGISTRY, READINESS_CHECKS, type ReadinessCheck } from './readiness.js';
import { SERVICE_CONTEXT, type ServiceContext } from './service-context.js';

export interface ServiceDefinition {
  /** Stage name: ingest, normalize, dedup, enrich, score or report. */
  name: string;
  defaultPort: number;
  /** Settings of this service on top of the base settings, validated at start with them. */
  configShape?: z.ZodRawShape;
  /** Subscribes the stage's handlers on the bus, before the bus starts. */
  wire(context: ServiceContext): void | Promise<void>;
  controllers?: Type[];
  providers?: (context: ServiceContext) => Provider[];
  /** Largest HTTP request body in bytes (ingest raises it for reports). */
  bodyLimit?: number;
  /** False leaves request bodies unparsed by Nest, for services that read raw bytes. Default true. */
  bodyParser?: boolean;
  /** Adjusts the Fastify app before it listens, for example to add content-type parsers or register Fastify plugins. */
  configure?(app: NestFastifyApplication, context: ServiceContext): void | Promise<void>;
}

/**
 * Starts one stage service: tracing first, then configuration (exiting with
 * every missing or invalid variable named), the database, the schema
 * registry, the Kafka bus, and a NestJS app on Fastify with /healthz,
 * /readyz, /metrics and the stage's own routes. SIGTERM and SIGINT drain the
 * in-flight batch, commit and exit.
 */
export async function runService(definition: ServiceDefinition): Promise<void> {
  const tracing = startTracing(`sieve-${definition.name}`);
  const schema = baseServiceConfigSchema.extend({ SIEVE_HTTP_PORT: httpPort(definition.defaultPort), ...definition.configShape });
  let config: z.infer<typeof schema>;
  let kafkaSecurity: ReturnType<typeof kafkaSecurityOf>;
  try {
    config = loadConfig(schema);
    kafkaSecurity = kafkaSecurityOf(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`sieve-${definition.name}: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  const logger = createLogger({ service: `sieve-${definition.name}`, level: config.SIEVE_LOG_LEVEL });
  const dataSource = await openDatabase({ kind: 'postgres', url: config.SIEVE_DATABASE_URL, schema: config.SIEVE_DATABASE_SCHEMA });
  const registry = new HttpSchemaRegistry({ url: config.SIEVE_SCHEMA_REGISTRY_URL });
  const serde = new AvroSerde(registry, { autoRegister: config.SIEVE_SCHEMA_AUTO_REGISTER });
  const connection = { clientId: `sieve-${definition.name}`, brokers: config.SIEVE_KAFKA_BROKERS, ...kafkaSecurity };
  const bus = new KafkaBus({ ...connection, serde, logger, topicPrefix: config.SIEVE_TOPIC_PREFIX });
  const subscriptions: Subscription[] = [];
  const context: ServiceContext = {
    name: definition.name,
    config: config as BaseServiceConfig,
    logger,
    dataSource,
    serde,
    bus,
    stage: { unitOfWork: new UnitOfWork(dataSource), now: () => new Date(), logger },
    subscribe(subscription) {
      // Consumer groups carry the topic prefix too, because two deployments on one broker
      // would otherwise share a group and rebalance each other.
      const isolated = { ...subscription, group: `${config.SIEVE_TOPIC_PREFIX}${subscription.group}` };
      subscriptions.push(isolated);
      bus.subscribe(isolated);
    },
  };
  await definition.wire(context);

  const admin = createKafkaClient(connection, logger).admin();
  await admin.connect();
  const topicNames = new TopicNames(config.SIEVE_TOPIC_PREFIX);
  const checks: ReadinessCheck[] = [
    { name: 'database', check: async () => void (await dataSource.query('SELECT 1')) },
    { name: 'kafka', check: async () => void (await admin.describeCluster()) },
    { name: 'consumers', check: async () => assertConsumersRunning(bus) },
  ];
  const metrics = createMetricsRegistry(definition.name, bus, () => consumerLag(admin, subscriptions, topicNames));

  @Module({})
  class ServiceModule {
    static forRoot(): DynamicModule {
      return {
        module: ServiceModule,
        controllers: [HealthController, MetricsController, ...(definition.controllers ?? [])],
        providers: [
          { provide: READINESS_CHECKS, useValue: checks },
          { provide: METRICS_REGISTRY, useValue: metrics },
          { provide: SERVICE_CONTEXT, useValue: context },
          ...(definition.providers?.(context) ?? []),
        ],
      };
    }
  }

  const app = await NestFactory.create<NestFastifyApplication>(ServiceModule.forRoot(), new FastifyAdapter({ bodyLimit: definition.bodyLimit ?? 1024 * 1024 }), {
    logger: false,
    bufferLogs: false,
    bodyParser: definition.bodyParser ?? true,
  });
  await definition.configure?.(app, context);
  app.connectMicroservice({ strategy: new KafkaTransport(bus) });
  await app.startAllMicroservices();
  await app.listen(config.SIEVE_HTTP_PORT, config.SIEVE_HTTP_HOST);
  logger.info({ port: config.SIEVE_HTTP_PORT, host: config.SIEVE_HTTP_HOST }, 'service started');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'service stopping');
    try {
      await app.close();
      await admin.disconnect();
      await dataSource.destroy();
      await tracing.shutdown();
      logger.info('service stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'service failed to stop cleanly');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

function assertConsumersRunning(bus: KafkaBus): void {
  const states = Object.entries(bus.metricsSnapshot().consumers);
  const notRunning = states.filter(([, state]) => state !== 'running');
  if (notRunning.length > 0) {
    throw new Error(`consumer groups not running: ${notRunning.map(([group, state]) => `${group} (${state})`).join(', ')}`);
  }
}

async function consumerLag(admin: Admin, subscriptions: Subscription[], names: TopicNames): Promise<Record<string, number>> {
  const lag: Record<string, number> = {};
  for (const { group, topics } of subscriptions) {
    const physical = topics.map((topic) => names.physical(topic));
    const committed = await admin.fetchOffsets({ groupId: group, topics: physical });
    for (const [index, entry] of committed.entries()) {
      const latest = await admin.fetchTopicOffsets(entry.topic);
      let total = 0;
      for (const partition of latest) {
        const done = entry.partitions.find((p) => p.partition === partition.partition);
        const position = done && Number(done.offset) >= 0 ? Number(done.offset) : Number(partition.low);
        total += Math.max(0, Number(partition.high) - position);
      }
      lag[topics[index]!] = (lag[topics[index]!] ?? 0) + total;
    }
  }
  return lag;
}
