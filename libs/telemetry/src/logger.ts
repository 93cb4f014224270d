import pino, { type DestinationStream, type Logger } from 'pino';
import { activeTraceFields } from './tracing.js';

export type { Logger };

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Destination of the JSON lines: standard error by default, so that standard output stays free for results. */
  destination?: DestinationStream;
}

/**
 * Creates the JSON logger every Sieve process uses. Ids are fields with fixed
 * names (service, reportId, findingId, eventId, traceId, topic, partition,
 * offset), never only text inside the message.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: activeTraceFields,
      redact: { paths: ['password', '*.password', 'secret', '*.secret', 'token', '*.token'], censor: '[REDACTED]' },
    },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

/** Creates a logger that writes nothing, for tests that do not inspect logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
