import { z } from 'zod';

/** Settings every Sieve service reads from its environment. */
export const baseServiceConfigSchema = z.object({
  SIEVE_HTTP_HOST: z.string().min(1).default('127.0.0.1').describe('Address the HTTP server (health, metrics, APIs) binds to.'),
  SIEVE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('JSON log level.'),
  SIEVE_DATABASE_URL: z.string().url().describe('PostgreSQL connection URL, for example postgres://sieve@127.0.0.1:5432/sieve.'),
  SIEVE_DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional().describe('PostgreSQL schema for Sieve tables; default public.'),
  SIEVE_KAFKA_BROKERS: z
    .string()
    .min(1)
    .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
    .describe('Comma-separated Kafka bootstrap servers, host:port.'),
  SIEVE_SCHEMA_REGISTRY_URL: z.string().url().describe('Confluent-compatible schema registry base URL.'),
  SIEVE_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/).default('').describe('Prefix of every physical Kafka topic name and consumer group (isolates deployments and test runs on one broker).'),
  SIEVE_SCHEMA_AUTO_REGISTER: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('Register schemas on first use instead of relying on the provisioning step.'),
  SIEVE_KAFKA_TLS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('Connect to Kafka over TLS, trusting the system certificate authorities.'),
  SIEVE_KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional().describe('SASL mechanism for Kafka; none when unset.'),
  SIEVE_KAFKA_SASL_USERNAME: z.string().min(1).optional().describe('SASL user name; required with a mechanism.'),
  SIEVE_KAFKA_SASL_PASSWORD: z.string().min(1).optional().describe('SASL password; required with a mechanism.'),
});

export type BaseServiceConfig = z.infer<typeof baseServiceConfigSchema>;

/** A configuration that could not be loaded, listing every missing or invalid variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates a service's environment against its schema. Reports every
 * problem at once, naming each variable, and never echoes a value, since
 * values may be secrets.
 */
export function loadConfig<T extends z.ZodTypeAny>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join('.') || '(environment)';
    const value = env[String(issue.path[0] ?? '')];
    return value === undefined || value === '' ? `${key} is missing` : `${key} is invalid: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** Port setting with the service's default. */
export function httpPort(defaultPort: number) {
  return z.coerce.number().int().min(0).max(65535).default(defaultPort).describe('HTTP port of the service.');
}

/** Settings of the dedup service, on top of the base settings. */
export const dedupServiceConfigShape = {
  SIEVE_DEDUP_CLOSE_AFTER: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(1)
    .describe('Complete scans in a row that must miss a finding before it is fixed; 1 closes on the first absence.'),
};

type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

/** SASL credentials, one member per mechanism, as the Kafka client types them. */
export type SaslCredentials = { [M in SaslMechanism]: { mechanism: M; username: string; password: string } }[SaslMechanism];

/** Kafka connection security from the configuration: TLS and SASL credentials, for the Kafka client. */
export function kafkaSecurityOf(config: BaseServiceConfig): { ssl?: boolean; sasl?: SaslCredentials } {
  const mechanism = config.SIEVE_KAFKA_SASL_MECHANISM;
  if (mechanism === undefined) {
    return config.SIEVE_KAFKA_TLS ? { ssl: true } : {};
  }
  const missing = (['SIEVE_KAFKA_SASL_USERNAME', 'SIEVE_KAFKA_SASL_PASSWORD'] as const).filter((name) => config[name] === undefined);
  if (missing.length > 0) {
    throw new ConfigError(missing.map((name) => `${name} is missing: SIEVE_KAFKA_SASL_MECHANISM is set`));
  }
  return {
    ...(config.SIEVE_KAFKA_TLS ? { ssl: true } : {}),
    sasl: { mechanism, username: config.SIEVE_KAFKA_SASL_USERNAME!, password: config.SIEVE_KAFKA_SASL_PASSWORD! } as SaslCredentials,
  };
}

/** Settings of the provisioning step beyond those of a service. */
export const provisioningConfigSchema = baseServiceConfigSchema.extend({
  SIEVE_KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(10).default(1).describe('Replicas of every topic the provisioning step creates; use 3 on a production cluster.'),
});
