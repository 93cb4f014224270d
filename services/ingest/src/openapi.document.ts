const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}$';

const METADATA = {
  asset: { type: 'string', pattern: NAME_PATTERN, description: 'Asset the report is about, for example a repository or service name. Required.' },
  tool: { type: 'string', pattern: NAME_PATTERN, description: 'Format id (as listed in the README), for example `sarif` or `trivy`, for reports whose format is ambiguous; an unknown id is rejected with 400.' },
  scope: { type: 'string', pattern: NAME_PATTERN, description: 'Scan scope within the asset, for example a path or image. Default: empty.' },
  commit: { type: 'string', pattern: NAME_PATTERN, description: 'Commit the scan ran on.' },
  name: { type: 'string', maxLength: 300, description: 'Source name shown with the report, for example its file name. Longer values are cut to 300 characters.' },
} as const;

const queryParameter = (name: keyof typeof METADATA) => ({
  name,
  in: 'query',
  required: name === 'asset',
  schema: METADATA[name],
  description: `${METADATA[name].description} In a multipart request it may be a form field instead.`,
});

/** OpenAPI description of the ingest service's HTTP API. */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: { title: 'Sieve ingest API', version: '1.0.0', description: 'Accepts scanner reports, stores each once and announces it on sieve.report.received.v1, and publishes asset context and intel.' },
  paths: {
    '/v1/reports': {
      post: {
        summary: 'Submit a scanner report, as the raw body or as a multipart/form-data upload.',
        description:
          'The same bytes for the same asset and scope return the same report id with `duplicate: true`, and nothing is announced again. ' +
          'A report larger than SIEVE_INGEST_MAX_BYTES (default 64 MiB) is rejected with 413. ' +
          'In a multipart request, a value given both as a form field and as a query parameter must be the same.',
        parameters: (['asset', 'tool', 'scope', 'commit', 'name'] as const).map(queryParameter),
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: {
                  file: { type: 'string', format: 'binary', description: 'The report. Its file name is the default for `name`.' },
                  ...METADATA,
                },
              },
            },
            '*/*': { schema: { type: 'string', format: 'binary', description: 'The report bytes, whatever the content type.' } },
          },
        },
        responses: {
          '202': {
            description: 'Stored, and announced unless it is a duplicate.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { reportId: { type: 'string', format: 'uuid' }, duplicate: { type: 'boolean' } },
                  required: ['reportId', 'duplicate'],
                },
              },
            },
          },
          '400': { description: 'Empty report, missing or invalid asset, invalid metadata, or an invalid multipart request.' },
          '413': { description: 'The report is larger than SIEVE_INGEST_MAX_BYTES.' },
        },
      },
    },
    '/v1/reports/{id}': {
      get: {
        summary: 'What became of a report: received, parsed (with format and finding count) or rejected (with the error).',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { '200': { description: '`{reportId, asset, scope, status, format, sourceName, findingCount, complete, error, warnings}`.' }, '400': { description: 'Not a UUID.' }, '404': { description: 'No such report.' } },
      },
    },
    '/v1/context': {
      post: {
        summary: 'Publish asset context and vulnerability intel, as sieve context push sends them.',
        description:
          'The body is `{"assets": [...], "intel": [...]}`, records in the shape of the sieve.asset.context.v1 and sieve.intel.vulnerability.v1 schemas. ' +
          'Each record is published on its compacted topic, and enrich re-scores the open findings it changes.',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { assets: { type: 'array' }, intel: { type: 'array' } } } } } },
        responses: {
          '202': { description: 'Published: `{assets, intel}` with the count of each.' },
          '400': { description: 'Not JSON, or a record that does not fit its schema; the message names the record and field.' },
        },
      },
    },
    '/openapi.json': { get: { summary: 'This document.', responses: { '200': { description: 'OpenAPI 3.1 document.' } } } },
    '/healthz': { get: { summary: 'Liveness.', responses: { '200': { description: 'Alive.' } } } },
    '/readyz': { get: { summary: 'Readiness: database and Kafka.', responses: { '200': { description: 'Ready.' }, '503': { description: 'Not ready, with each check.' } } } },
    '/metrics': { get: { summary: 'Prometheus metrics.', responses: { '200': { description: 'Text exposition format.' } } } },
  },
} as const;
