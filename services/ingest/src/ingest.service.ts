import multipart from '@fastify/multipart';
import type { ServiceDefinition } from '@sieve/platform';
import { ContextController } from './context.controller.js';
import { INGEST_LIMITS, maxReportBytes, type IngestLimits } from './ingest-limits.js';
import { multipartLimits } from './multipart-report.reader.js';
import { OpenApiController } from './openapi.controller.js';
import { ReportTooLargeFilter } from './report-too-large.filter.js';
import { ReportsController } from './reports.controller.js';
import { readBody, SpooledReport } from './spooled-report.js';

const REPORTS_ROUTE = '/v1/reports';

const limits: IngestLimits = { maxReportBytes: maxReportBytes() };

/**
 * HTTP entry point for reports, stored once each and announced on
 * sieve.report.received.v1, and for asset context and intel, published on
 * their compacted topics.
 */
export const ingestService: ServiceDefinition = {
  name: 'ingest',
  defaultPort: 3101,
  // Report bodies bypass this limit (they are spooled to disk under their own); it bounds the rest.
  bodyLimit: limits.maxReportBytes,
  controllers: [ReportsController, ContextController, OpenApiController],
  providers: () => [{ provide: INGEST_LIMITS, useValue: limits }],
  bodyParser: false,
  wire() {
    // Ingest consumes nothing; it only publishes.
  },
  async configure(app) {
    app.useGlobalFilters(new ReportTooLargeFilter(app.getHttpAdapter(), limits.maxReportBytes));
    const fastify = app.getHttpAdapter().getInstance();
    // Reports are stored byte for byte, whatever their content type claims.
    // A report body goes to a temporary file as it arrives; other bodies
    // (context pushes) are small and read into memory.
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', (request, payload, done) => {
      const read = request.routeOptions.url === REPORTS_ROUTE ? SpooledReport.from(payload, limits.maxReportBytes) : readBody(payload, limits.maxReportBytes);
      read.then(
        (body) => done(null, body),
        (error: Error) => done(error),
      );
    });
    // Registered after removeAllContentTypeParsers, which would otherwise drop its multipart/form-data parser.
    await app.register(multipart, { limits: multipartLimits(limits.maxReportBytes), throwFileSizeLimit: true });
  },
};
