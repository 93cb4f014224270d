import { SchemaNotFoundError, SchemaNotRegisteredError, type SchemaRegistry } from './schema-registry.port.js';

/** Compatibility levels of the Confluent schema registry API. */
export type CompatibilityLevel = 'NONE' | 'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FORWARD_TRANSITIVE' | 'FULL' | 'FULL_TRANSITIVE';

export interface HttpSchemaRegistryOptions {
  /** Base URL of the Confluent-compatible API, for example `http://127.0.0.1:8081/apis/ccompat/v7` for Apicurio. */
  url: string;
  /** Time limit of each request, in milliseconds. Default 5000. */
  timeoutMs?: number;
  /** HTTP basic authentication, sent on every request. */
  basicAuth?: { username: string; password: string };
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** A request to the schema registry that failed. Network errors, timeouts, 408, 429 and 5xx are retriable. */
export class SchemaRegistryError extends Error {
  readonly code = 'schema_registry_failed';

  constructor(
    readonly method: string,
    readonly url: string,
    /** HTTP status, or null when no response arrived. */
    readonly status: number | null,
    /** The registry's own `error_code` from the response body, when it sent one. */
    readonly registryErrorCode: number | null,
    detail: string,
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(`schema registry request ${method} ${url} failed: ${detail}`, options);
    this.name = 'SchemaRegistryError';
  }
}

/**
 * A client of a Confluent-compatible schema registry (Confluent Schema
 * Registry, Apicurio's ccompat API) over its REST API. Schema ids and the
 * schemas behind them never change, so both are cached for the life of the
 * client; failed requests are not cached.
 */
export class HttpSchemaRegistry implements SchemaRegistry {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly authorization: string | null;
  private readonly idsBySubjectSchema = new Map<string, number>();
  private readonly schemasById = new Map<number, Promise<string>>();

  constructor(options: HttpSchemaRegistryOptions) {
    this.baseUrl = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.authorization = options.basicAuth
      ? `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`
      : null;
  }

  /** Registers a schema under a subject (POST /subjects/{subject}/versions) and returns its id. */
  async register(subject: string, schema: string): Promise<number> {
    const cacheKey = `${subject}\u0000${schema}`;
    const cached = this.idsBySubjectSchema.get(cacheKey);
    if (cached !== undefined) {
      return cached;
    }
    const response = await this.request('POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema });
    const id = readId(response);
    this.idsBySubjectSchema.set(cacheKey, id);
    return id;
  }

  /** Returns the id of a schema already registered under a subject (POST /subjects/{subject}). */
  async lookup(subject: string, schema: string): Promise<number> {
    const cacheKey = `${subject}\u0000${schema}`;
    const cached = this.idsBySubjectSchema.get(cacheKey);
    if (cached !== undefined) {
      return cached;
    }
    const response = await this.request('POST', `/subjects/${encodeURIComponent(subject)}`, { schema }, [404]);
    if (response.status === 404) {
      throw new SchemaNotRegisteredError(subject);
    }
    const id = readId(response);
    this.idsBySubjectSchema.set(cacheKey, id);
    return id;
  }

  /** Returns the schema text of an id (GET /schemas/ids/{id}), or throws SchemaNotFoundError. */
  getSchema(id: number): Promise<string> {
    let schema = this.schemasById.get(id);
    if (schema === undefined) {
      schema = this.fetchSchema(id);
      schema.catch(() => this.schemasById.delete(id));
      this.schemasById.set(id, schema);
    }
    return schema;
  }

  /** Sets the compatibility level of one subject, or the global default when subject is null (PUT /config[/{subject}]). */
  async setCompatibility(subject: string | null, level: CompatibilityLevel): Promise<void> {
    const path = subject === null ? '/config' : `/config/${encodeURIComponent(subject)}`;
    await this.request('PUT', path, { compatibility: level });
  }

  /**
   * Deletes a subject and all its versions (DELETE /subjects/{subject}; a hard
   * delete needs that soft delete first, then `permanent=true`). A missing
   * subject is not an error.
   */
  async deleteSubject(subject: string, options: { permanent: boolean }): Promise<void> {
    const path = `/subjects/${encodeURIComponent(subject)}`;
    await this.request('DELETE', path, undefined, [404]);
    if (options.permanent) {
      await this.request('DELETE', `${path}?permanent=true`, undefined, [404]);
    }
    for (const key of this.idsBySubjectSchema.keys()) {
      if (key.startsWith(`${subject}\u0000`)) {
        this.idsBySubjectSchema.delete(key);
      }
    }
  }

  private async fetchSchema(id: number): Promise<string> {
    const response = await this.request('GET', `/schemas/ids/${id}`, undefined, [404]);
    if (response.status === 404) {
      throw new SchemaNotFoundError(id);
    }
    const schema = (response.body as { schema?: unknown } | null)?.schema;
    if (typeof schema !== 'string') {
      throw new SchemaRegistryError('GET', response.url, response.status, null, 'the response has no "schema" string', false);
    }
    return schema;
  }

  /** Sends one request; a status outside 2xx and `accepted` throws SchemaRegistryError. */
  private async request(method: string, path: string, body: unknown, accepted: number[] = []): Promise<RegistryResponse> {
    const url = `${this.baseUrl}${path}`;
    const headers: Record<string, string> = { accept: CONTENT_TYPE };
    if (body !== undefined) {
      headers['content-type'] = CONTENT_TYPE;
    }
    if (this.authorization !== null) {
      headers['authorization'] = this.authorization;
    }

    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      const detail = timedOut ? `timed out after ${this.timeoutMs} ms` : describeNetworkError(error);
      throw new SchemaRegistryError(method, url, null, null, detail, true, { cause: error });
    }

    const parsed = parseJson(text);
    if (response.ok || accepted.includes(response.status)) {
      return { url, status: response.status, body: parsed };
    }
    const registryError = parsed as { error_code?: unknown; message?: unknown } | null;
    const registryErrorCode = typeof registryError?.error_code === 'number' ? registryError.error_code : null;
    const message = typeof registryError?.message === 'string' ? registryError.message : text.slice(0, 300);
    const retriable = response.status >= 500 || response.status === 408 || response.status === 429;
    const detail = `HTTP ${response.status}${registryErrorCode === null ? '' : ` (error code ${registryErrorCode})`}: ${message}`;
    throw new SchemaRegistryError(method, url, response.status, registryErrorCode, detail, retriable);
  }
}

interface RegistryResponse {
  url: string;
  status: number;
  body: unknown;
}

function readId(response: RegistryResponse): number {
  const id = (response.body as { id?: unknown } | null)?.id;
  if (typeof id !== 'number' || !Number.isInteger(id)) {
    throw new SchemaRegistryError('POST', response.url, response.status, null, 'the response has no integer "id"', false);
  }
  return id;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// Node's fetch reports "fetch failed" and keeps the reason (ECONNREFUSED and so on) in `cause`.
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.message === 'string') {
    return cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}
