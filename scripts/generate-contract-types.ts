// Writes the TypeScript types of every Avro schema in schemas/ to
// libs/contracts/src/generated/types.ts, so that each message is defined once.
// Run with `npx tsx scripts/generate-contract-types.ts`; a test fails when the
// committed file is stale.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderContractTypes } from '../libs/contracts/src/codegen/render-types.js';

const root = join(import.meta.dirname, '..');
const schemaDir = join(root, 'schemas');
const files = readdirSync(schemaDir).filter((name) => name.endsWith('.avsc')).sort();
const schemas = files.map((name) => ({ file: name, schema: JSON.parse(readFileSync(join(schemaDir, name), 'utf8')) }));
const target = join(root, 'libs/contracts/src/generated/types.ts');
writeFileSync(target, renderContractTypes(schemas));
console.log(`wrote ${target} from ${files.length} schemas`);
