import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseServiceConfigSchema, ConfigError, dedupServiceConfigShape, httpPort, kafkaSecurityOf, loadConfig, provisioningConfigSchema } from './service-config.js';

const schema = baseServiceConfigSchema.extend({ SIEVE_HTTP_PORT: httpPort(3101) });

const valid = {
  SIEVE_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  SIEVE_KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9094',
  SIEVE_SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081/apis/ccompat/v7',
};

describe('loadConfig', () => {
  it('applies defaults and transforms', () => {
    const config = loadConfig(schema, valid);
    assert.deepEqual(config.SIEVE_KAFKA_BROKERS, ['127.0.0.1:9092', '127.0.0.1:9094']);
    assert.equal(config.SIEVE_HTTP_PORT, 3101);
    assert.equal(config.SIEVE_SCHEMA_AUTO_REGISTER, false);
  });

  it('names every missing variable', () => {
    assert.throws(
      () => loadConfig(schema, {}),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.includes('SIEVE_DATABASE_URL is missing') &&
        error.problems.includes('SIEVE_KAFKA_BROKERS is missing') &&
        error.problems.includes('SIEVE_SCHEMA_REGISTRY_URL is missing'),
    );
  });

  it('names an invalid value without echoing it', () => {
    assert.throws(
      () => loadConfig(schema, { ...valid, SIEVE_HTTP_PORT: 'secret-looking-value' }),
      (error: unknown) => error instanceof ConfigError && error.message.includes('SIEVE_HTTP_PORT is invalid') && !error.message.includes('secret-looking-value'),
    );
  });
});

describe('dedupServiceConfigShape', () => {
  const dedupSchema = schema.extend(dedupServiceConfigShape);

  it('closes after one absence by default', () => {
    assert.equal(loadConfig(dedupSchema, valid).SIEVE_DEDUP_CLOSE_AFTER, 1);
  });

  it('reads a number of absences', () => {
    assert.equal(loadConfig(dedupSchema, { ...valid, SIEVE_DEDUP_CLOSE_AFTER: '3' }).SIEVE_DEDUP_CLOSE_AFTER, 3);
  });

  it('rejects zero absences', () => {
    assert.throws(() => loadConfig(dedupSchema, { ...valid, SIEVE_DEDUP_CLOSE_AFTER: '0' }), ConfigError);
  });
});

describe('kafkaSecurityOf', () => {
  it('connects in plain text by default', () => {
    assert.deepEqual(kafkaSecurityOf(loadConfig(schema, valid)), {});
  });

  it('reads TLS and SASL credentials', () => {
    const config = loadConfig(schema, { ...valid, SIEVE_KAFKA_TLS: 'true', SIEVE_KAFKA_SASL_MECHANISM: 'scram-sha-512', SIEVE_KAFKA_SASL_USERNAME: 'sieve', SIEVE_KAFKA_SASL_PASSWORD: 'secret-value' });
    assert.deepEqual(kafkaSecurityOf(config), { ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'sieve', password: 'secret-value' } });
  });

  it('names the missing credentials of a mechanism', () => {
    const config = loadConfig(schema, { ...valid, SIEVE_KAFKA_SASL_MECHANISM: 'plain', SIEVE_KAFKA_SASL_USERNAME: 'sieve' });
    assert.throws(() => kafkaSecurityOf(config), (error) => error instanceof ConfigError && error.problems.join() === 'SIEVE_KAFKA_SASL_PASSWORD is missing: SIEVE_KAFKA_SASL_MECHANISM is set');
  });

  it('replicates provisioned topics as configured', () => {
    assert.equal(loadConfig(provisioningConfigSchema, valid).SIEVE_KAFKA_REPLICATION_FACTOR, 1);
    assert.equal(loadConfig(provisioningConfigSchema, { ...valid, SIEVE_KAFKA_REPLICATION_FACTOR: '3' }).SIEVE_KAFKA_REPLICATION_FACTOR, 3);
  });
});
