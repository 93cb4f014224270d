// Provisioning for distributed mode: database migrations, Kafka topics (with
// compaction and dead-letter twins) and the Avro schemas in the registry.
// Reads the same environment variables as the services.
import { kafkaSecurityOf, loadConfig, provisioningConfigSchema } from '@sieve/config';
import { HttpSchemaRegistry } from '@sieve/contracts';
import { createKafkaClient, provisionTopics, registerSchemas } from '@sieve/kafka';
import { openDatabase } from '@sieve/persistence';
import { createLogger } from '@sieve/telemetry';

const config = loadConfig(provisioningConfigSchema);
const logger = createLogger({ service: 'sieve-provision', level: config.SIEVE_LOG_LEVEL });

const dataSource = await openDatabase({ kind: 'postgres', url: config.SIEVE_DATABASE_URL, schema: config.SIEVE_DATABASE_SCHEMA });
await dataSource.destroy();
logger.info('database migrated');

const admin = createKafkaClient({ clientId: 'sieve-provision', brokers: config.SIEVE_KAFKA_BROKERS, ...kafkaSecurityOf(config) }, logger).admin();
await admin.connect();
try {
  const topics = await provisionTopics(admin, { topicPrefix: config.SIEVE_TOPIC_PREFIX, replicationFactor: config.SIEVE_KAFKA_REPLICATION_FACTOR });
  logger.info({ topics }, 'topics provisioned');
} finally {
  await admin.disconnect();
}

const ids = await registerSchemas(new HttpSchemaRegistry({ url: config.SIEVE_SCHEMA_REGISTRY_URL }));
logger.info({ ids }, 'schemas registered');
