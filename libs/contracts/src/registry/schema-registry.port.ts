/**
 * The part of a Confluent-compatible schema registry that the serde needs.
 * Adapters: the in-process registry below, and an HTTP client for a real server.
 */
export interface SchemaRegistry {
  /** Registers a schema under a subject and returns its global id; the same schema returns the same id. */
  register(subject: string, schema: string): Promise<number>;

  /** Returns the schema text registered under an id, or throws SchemaNotFoundError. */
  getSchema(id: number): Promise<string>;

  /**
   * Returns the id of a schema already registered under a subject, or throws
   * SchemaNotRegisteredError. Producers that must not register (autoRegister
   * off) need it; a registry without it can only be used with autoRegister on.
   */
  lookup?(subject: string, schema: string): Promise<number>;
}

export class SchemaNotFoundError extends Error {
  constructor(readonly schemaId: number) {
    super(`schema id ${schemaId} is not in the schema registry`);
    this.name = 'SchemaNotFoundError';
  }
}

/** The schema is not one of the versions of the subject (or the subject does not exist). */
export class SchemaNotRegisteredError extends Error {
  readonly code = 'schema_not_registered';
  readonly retriable = false;

  constructor(readonly subject: string) {
    super(`the schema is not registered under subject ${subject}; register the schemas first (provisioning step) or turn autoRegister on`);
    this.name = 'SchemaNotRegisteredError';
  }
}
