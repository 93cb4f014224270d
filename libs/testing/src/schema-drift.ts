import type { DataSource } from 'typeorm';

interface SchemaColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
}

// information_schema reports every array column as data_type ARRAY; the
// element type is only in udt_name, as PostgreSQL's internal type name.
const ARRAY_ELEMENT_TYPES: Record<string, string> = {
  _text: 'text',
  _varchar: 'character varying',
  _uuid: 'uuid',
  _int4: 'integer',
  _int8: 'bigint',
  _bool: 'boolean',
  _float8: 'double precision',
  _jsonb: 'jsonb',
  _timestamptz: 'timestamp with time zone',
};

/**
 * Compares the TypeORM entity metadata of a data source with the tables that
 * its migrations created in `schema`: tables, columns, column types, array
 * columns, nullability and primary keys. Returns one line per difference,
 * each naming the table and column, or an empty list when they agree. The
 * migrations table itself has no entity and is left out.
 */
export async function findSchemaDrift(dataSource: DataSource, schema: string): Promise<string[]> {
  const migrationsTable = dataSource.options.migrationsTableName ?? 'migrations';
  const tables = await dataSource.query<Array<{ table_name: string }>>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> $2`,
    [schema, migrationsTable],
  );
  const columns = await dataSource.query<SchemaColumn[]>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = $1`,
    [schema],
  );
  const primaryKeys = await dataSource.query<Array<{ table_name: string; column_name: string }>>(
    `SELECT k.table_name, k.column_name
       FROM information_schema.table_constraints c
       JOIN information_schema.key_column_usage k
         ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name AND k.table_name = c.table_name
      WHERE c.table_schema = $1 AND c.constraint_type = 'PRIMARY KEY'`,
    [schema],
  );

  const differences: string[] = [];
  const mappedTables = new Set<string>();
  for (const entity of dataSource.entityMetadatas) {
    const table = entity.tableName;
    mappedTables.add(table);
    if (!tables.some((row) => row.table_name === table)) {
      differences.push(`table ${table}: entity ${entity.name} maps it, but the migrations do not create it`);
      continue;
    }
    const actual = new Map(columns.filter((row) => row.table_name === table).map((row) => [row.column_name, row]));
    const actualKey = new Set(primaryKeys.filter((row) => row.table_name === table).map((row) => row.column_name));
    for (const column of entity.columns) {
      const name = column.databaseName;
      const found = actual.get(name);
      actual.delete(name);
      if (!found) {
        differences.push(`${table}.${name}: entity ${entity.name} maps it, but the table has no such column`);
        continue;
      }
      const expectedType = `${String(dataSource.driver.normalizeType(column))}${column.isArray ? '[]' : ''}`;
      const actualType = found.data_type === 'ARRAY' ? `${ARRAY_ELEMENT_TYPES[found.udt_name] ?? found.udt_name}[]` : found.data_type;
      if (expectedType !== actualType) {
        differences.push(`${table}.${name}: entity type ${expectedType}, table type ${actualType}`);
      }
      const actualNullable = found.is_nullable === 'YES';
      if (column.isNullable !== actualNullable) {
        differences.push(`${table}.${name}: entity ${column.isNullable ? 'nullable' : 'NOT NULL'}, table ${actualNullable ? 'nullable' : 'NOT NULL'}`);
      }
      if (column.isPrimary !== actualKey.has(name)) {
        differences.push(`${table}.${name}: entity ${column.isPrimary ? 'primary key' : 'not primary key'}, table ${actualKey.has(name) ? 'primary key' : 'not primary key'}`);
      }
    }
    for (const name of actual.keys()) {
      differences.push(`${table}.${name}: the table has this column, but entity ${entity.name} does not map it`);
    }
  }
  for (const { table_name: table } of tables) {
    if (!mappedTables.has(table)) {
      differences.push(`table ${table}: the migrations create it, but no entity maps it`);
    }
  }
  return differences;
}
