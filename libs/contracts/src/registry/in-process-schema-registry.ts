import { SchemaNotFoundError, SchemaNotRegisteredError, type SchemaRegistry } from './schema-registry.port.js';

/**
 * A schema registry held in memory, for embedded mode and unit tests. Ids are
 * assigned from 1 in registration order and identical schema text shares an
 * id, as a Confluent registry does.
 */
export class InProcessSchemaRegistry implements SchemaRegistry {
  private readonly idsBySchema = new Map<string, number>();
  private readonly schemasById = new Map<number, string>();
  private readonly subjects = new Map<string, number[]>();

  async register(subject: string, schema: string): Promise<number> {
    const canonical = JSON.stringify(JSON.parse(schema));
    let id = this.idsBySchema.get(canonical);
    if (id === undefined) {
      id = this.schemasById.size + 1;
      this.idsBySchema.set(canonical, id);
      this.schemasById.set(id, canonical);
    }
    const versions = this.subjects.get(subject) ?? [];
    if (!versions.includes(id)) {
      versions.push(id);
    }
    this.subjects.set(subject, versions);
    return id;
  }

  async getSchema(id: number): Promise<string> {
    const schema = this.schemasById.get(id);
    if (schema === undefined) {
      throw new SchemaNotFoundError(id);
    }
    return schema;
  }

  async lookup(subject: string, schema: string): Promise<number> {
    const id = this.idsBySchema.get(JSON.stringify(JSON.parse(schema)));
    if (id === undefined || !(this.subjects.get(subject) ?? []).includes(id)) {
      throw new SchemaNotRegisteredError(subject);
    }
    return id;
  }

  /** Ids registered under a subject, oldest first. */
  versionsOf(subject: string): number[] {
    return [...(this.subjects.get(subject) ?? [])];
  }
}
