type AvroSchema = string | AvroSchema[] | { [key: string]: unknown };

interface SchemaFile {
  file: string;
  schema: AvroSchema;
}

const PRIMITIVES: Record<string, string> = {
  null: 'null',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  float: 'number',
  double: 'number',
  bytes: 'Buffer',
  string: 'string',
};

function shortName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? name : name.slice(dot + 1);
}

/**
 * Renders TypeScript declarations for every named type in the given Avro
 * schemas. Records become interfaces, enums become string unions with a
 * matching constant array. Named types must have unique short names across all
 * schemas, because the generated module is flat.
 */
export function renderContractTypes(files: SchemaFile[]): string {
  const declarations = new Map<string, string>();
  const origin = new Map<string, string>();

  function declare(name: string, text: string, file: string): void {
    const previous = origin.get(name);
    if (previous !== undefined && previous !== file) {
      throw new Error(`Avro type name ${name} is defined in both ${previous} and ${file}; short names must be unique`);
    }
    origin.set(name, file);
    declarations.set(name, text);
  }

  function typeOf(schema: AvroSchema, file: string): string {
    if (typeof schema === 'string') {
      return PRIMITIVES[schema] ?? shortName(schema);
    }
    if (Array.isArray(schema)) {
      return schema.map((branch) => typeOf(branch, file)).join(' | ');
    }
    const kind = schema['type'] as AvroSchema;
    if (kind === 'record') {
      const name = shortName(String(schema['name']));
      const fields = schema['fields'] as Array<{ name: string; type: AvroSchema; doc?: string }>;
      const lines = fields.map((field) => {
        const doc = field.doc ? `  /** ${field.doc} */\n` : '';
        return `${doc}  ${field.name}: ${typeOf(field.type, file)};`;
      });
      const doc = schema['doc'] ? `/** ${String(schema['doc'])} */\n` : '';
      declare(name, `${doc}export interface ${name} {\n${lines.join('\n')}\n}`, file);
      return name;
    }
    if (kind === 'enum') {
      const name = shortName(String(schema['name']));
      const symbols = schema['symbols'] as string[];
      const constant = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase() + '_VALUES';
      declare(
        name,
        `export const ${constant} = [${symbols.map((s) => `'${s}'`).join(', ')}] as const;\nexport type ${name} = (typeof ${constant})[number];`,
        file,
      );
      return name;
    }
    if (kind === 'array') {
      const items = typeOf(schema['items'] as AvroSchema, file);
      return items.includes(' ') ? `Array<${items}>` : `${items}[]`;
    }
    if (kind === 'map') {
      return `Record<string, ${typeOf(schema['values'] as AvroSchema, file)}>`;
    }
    return typeOf(kind, file);
  }

  for (const { file, schema } of files) {
    typeOf(schema, file);
  }

  const header = '// Generated from schemas/*.avsc by scripts/generate-contract-types.ts. Do not edit.\n';
  return header + '\n' + [...declarations.values()].join('\n\n') + '\n';
}
