import type { NormalizedFinding } from '@sieve/contracts';
import { noMatch, sameTool, type Correlation } from './correlation.js';
import { stripVolatile } from './volatile-values.js';

const MAX_URL_CHARS = 8192;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMERIC = /^\d{1,40}$/;
const HEX_ID = /^[0-9a-f]{8,128}$/i;

/** An HTTP endpoint as DAST identity compares it. */
export interface Endpoint {
  /** `scheme://host[:port]/path` with ids in the path replaced by `{id}`. */
  endpoint: string;
  /** Upper-case method, or `*` when the report gives none. */
  method: string;
}

/**
 * Writes a request target the same way for every tool and scan: scheme and
 * host lower-cased, default ports (80 for http, 443 for https) dropped, user
 * info, query and fragment removed, a trailing "/" removed (except for the
 * root), and path segments that are ids replaced by `{id}`: all digits, a
 * UUID, or 8 or more hex digits with at least one digit (so "deadbeef" as a
 * word stays). Returns null for a value that is not an absolute http(s) URL.
 */
export function normalizeEndpoint(url: string | null, method: string | null): Endpoint | null {
  const raw = url?.trim() ?? '';
  if (raw === '' || raw.length > MAX_URL_CHARS) {
    return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return null;
  }
  const segments = parsed.pathname.split('/').map(templateSegment);
  let path = segments.join('/');
  if (path.length > 1 && path.endsWith('/')) {
    path = path.slice(0, -1);
  }
  const verb = method?.trim().toUpperCase() ?? '';
  return { endpoint: `${parsed.protocol}//${parsed.host}${path === '' ? '/' : path}`, method: /^[A-Z]{1,20}$/.test(verb) ? verb : '*' };
}

function templateSegment(segment: string): string {
  if (NUMERIC.test(segment) || UUID.test(segment) || (HEX_ID.test(segment) && /\d/.test(segment))) {
    return '{id}';
  }
  return segment;
}

/**
 * The endpoint part of a DAST key, `<METHOD> <endpoint> <parameter>`, or null
 * without a usable URL. Parameter names keep their case; volatile values in
 * them (time stamps) are removed.
 */
export function dastEndpointKey(url: string | null, method: string | null, parameter: string | null): string | null {
  const endpoint = normalizeEndpoint(url, method);
  if (endpoint === null) {
    return null;
  }
  return `${endpoint.method} ${endpoint.endpoint} ${parameter === null ? '-' : stripVolatile(parameter)}`;
}

/**
 * Decides whether two DAST findings of different tools on one asset are the
 * same flaw: same normalised endpoint, same method (a tool that gives none
 * matches any), same parameter and at least one shared CWE. Tools name their
 * checks differently, so the CWE is the only common vocabulary; broad CWEs
 * count here, because most header findings carry nothing else, and the
 * parameter keeps two header checks apart.
 */
export function correlateDast(a: NormalizedFinding, b: NormalizedFinding): Correlation {
  const x = a.finding;
  const y = b.finding;
  if (x.category !== 'dast' || y.category !== 'dast') {
    return noMatch('not both DAST findings');
  }
  if (a.asset !== b.asset) {
    return noMatch('different assets');
  }
  if (sameTool(x.tool, y.tool)) {
    return noMatch('same tool: its own findings stay apart');
  }
  const endpointX = normalizeEndpoint(x.location.url, x.location.method);
  const endpointY = normalizeEndpoint(y.location.url, y.location.method);
  if (endpointX === null || endpointY === null || endpointX.endpoint !== endpointY.endpoint) {
    return noMatch('different endpoints');
  }
  if (endpointX.method !== endpointY.method && endpointX.method !== '*' && endpointY.method !== '*') {
    return noMatch('different methods');
  }
  if ((x.location.parameter ?? '') !== (y.location.parameter ?? '')) {
    return noMatch('different parameters');
  }
  const shared = x.cwes.filter((cwe) => y.cwes.includes(cwe));
  if (shared.length === 0) {
    return noMatch('no shared CWE');
  }
  return { match: true, rule: 'dast-endpoint-cwe', reason: `${endpointX.endpoint}, shared ${shared.join(', ')}`, distance: 0 };
}
