/**
 * The part of a Confluent-compatible schema registry that the serde needs.
 * Adapters: the in-process registry below, and an HTTP client for a real server.
 */
export interface SchemaRegistry {
  /** Registers a schema under a subject and returns its global id; the same schema returns the same id. */
  register(subject: string, schema: string): Promise<number>;

  /** Returns the schema text registered under an id, or throws SchemaNotFoundError. */
  getSchema(id: number): Promise<string>;
}

export class SchemaNotFoundError extends Error {
  constructor(readonly schemaId: number) {
    super(`schema id ${schemaId} is not in the schema registry`);
    this.name = 'SchemaNotFoundError';
  }
}
