import type { ServiceDefinition } from '@sieve/platform';
import { ContextController } from './context.controller.js';
import { ReportsController } from './reports.controller.js';

// Reports above this size are refused with 413; SIEVE_INGEST_MAX_BYTES changes it.
const DEFAULT_MAX_REPORT_BYTES = 64 * 1024 * 1024;

function maxReportBytes(): number {
  const configured = Number(process.env['SIEVE_INGEST_MAX_BYTES'] ?? DEFAULT_MAX_REPORT_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_REPORT_BYTES;
}

/**
 * HTTP entry point for reports, stored once each and announced on
 * sieve.report.received.v1, and for asset context and intel, published on
 * their compacted topics.
 */
export const ingestService: ServiceDefinition = {
  name: 'ingest',
  defaultPort: 3101,
  bodyLimit: maxReportBytes(),
  controllers: [ReportsController, ContextController],
  bodyParser: false,
  wire() {
    // Ingest consumes nothing; it only publishes.
  },
  configure(app) {
    const fastify = app.getHttpAdapter().getInstance();
    // Reports are stored byte for byte, whatever their content type claims.
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  },
};
