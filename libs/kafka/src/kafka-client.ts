import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';
import type { Logger } from '@sieve/telemetry';

export interface KafkaConnectionOptions {
  /** Sent to the brokers as is; Sieve adds no suffix. */
  clientId: string;
  /** `host:port` of one or more bootstrap brokers. */
  brokers: string[];
  ssl?: KafkaConfig['ssl'];
  sasl?: KafkaConfig['sasl'];
  /** Time limit to open a broker connection, in milliseconds. kafkajs default 1000. */
  connectionTimeoutMs?: number;
  /** Time limit of one broker request, in milliseconds. kafkajs default 30000. */
  requestTimeoutMs?: number;
}

/** Creates a kafkajs client whose own logs go to the given pino logger. */
export function createKafkaClient(options: KafkaConnectionOptions, logger: Logger): Kafka {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ssl: options.ssl,
    sasl: options.sasl,
    connectionTimeout: options.connectionTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    logLevel: kafkajsLevelOf(kafkaLogger.level),
    logCreator: () => (entry) => writeKafkajsLog(kafkaLogger, entry),
  });
}

function kafkajsLevelOf(pinoLevel: string): logLevel {
  switch (pinoLevel) {
    case 'trace':
    case 'debug':
      return logLevel.DEBUG;
    case 'info':
      return logLevel.INFO;
    case 'warn':
      return logLevel.WARN;
    case 'silent':
      return logLevel.NOTHING;
    default:
      return logLevel.ERROR;
  }
}

function writeKafkajsLog(logger: Logger, entry: LogEntry): void {
  const { message, groupId, ...fields } = entry.log as Record<string, unknown> & { message: string; groupId?: string };
  // kafkajs puts its own timestamp and logger name in every entry; pino writes its own.
  delete fields['timestamp'];
  delete fields['logger'];
  const record = { namespace: entry.namespace, ...(groupId === undefined ? {} : { group: groupId }), ...fields };
  switch (entry.level) {
    case logLevel.ERROR:
      logger.error(record, message);
      break;
    case logLevel.WARN:
      logger.warn(record, message);
      break;
    case logLevel.INFO:
      logger.info(record, message);
      break;
    default:
      logger.debug(record, message);
  }
}
