const filter = (name: string, description: string) => ({ name, in: 'query', required: false, schema: { type: 'string' }, description });

/** OpenAPI description of the report service's HTTP API. */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: { title: 'Sieve report API', version: '1.0.0', description: 'The ranked finding queue, single findings with evidence and history, and assets.' },
  paths: {
    '/v1/findings': {
      get: {
        summary: 'Ranked queue: open and reopened findings first, then by score and severity.',
        parameters: [
          filter('asset', 'Asset name.'),
          filter('owner', 'Owner (team or person) as resolved by enrich.'),
          filter('priority', 'P1 to P5.'),
          filter('severity', 'critical, high, medium, low, info or unknown.'),
          filter('status', 'open, reopened, fixed, risk_accepted, false_positive, suppressed or not_affected.'),
          filter('category', 'sast, sca, secret, dast, iac, container, runtime or other.'),
          filter('vulnerabilityId', 'A CVE, GHSA or vendor id, aliases included.'),
          filter('q', 'Free text over title, reasons, ids, package and path.'),
          { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
        ],
        responses: { '200': { description: '`{total, offset, limit, findings}`; each finding has the fields of `sieve run --format json`.' }, '400': { description: 'Invalid paging parameter.' } },
      },
    },
    '/v1/findings/{id}': {
      get: {
        summary: 'One finding with evidences, score factors and history.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { '200': { description: 'The finding and `history`, its finding events.' }, '400': { description: 'Not a UUID.' }, '404': { description: 'No such finding.' } },
      },
    },
    '/v1/findings/{id}/explanation': {
      get: {
        summary: 'Why the evidences of a finding are one finding.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          '200': { description: '`finding`, its identity `keys`, `evidences` with the rule, rule version and what matched, `splits`, and merge and split `events`.' },
          '400': { description: 'Not a UUID.' },
          '404': { description: 'No such finding.' },
        },
      },
    },
    '/v1/assets': { get: { summary: 'Assets with owner, exposure, data classes and their sources.', responses: { '200': { description: '`{assets}`.' } } } },
    '/healthz': { get: { summary: 'Liveness.', responses: { '200': { description: 'Alive.' } } } },
    '/readyz': { get: { summary: 'Readiness: database, Kafka and consumers.', responses: { '200': { description: 'Ready.' }, '503': { description: 'Not ready, with each check.' } } } },
    '/metrics': { get: { summary: 'Prometheus metrics.', responses: { '200': { description: 'Text exposition format.' } } } },
  },
} as const;
