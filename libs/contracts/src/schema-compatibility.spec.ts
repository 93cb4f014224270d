import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import avro from 'avsc';
import { renderContractTypes } from './codegen/render-types.js';
import { renderTopicsPage } from './codegen/render-topics.js';
import { SCHEMA_DIR } from './schema-files.js';
import { TOPICS } from './topics.js';

const repoRoot = join(SCHEMA_DIR, '..');

/** Every distinct committed version of a schema file, oldest first. */
function committedVersions(file: string): string[] {
  let commits: string[];
  try {
    commits = execFileSync('git', ['log', '--format=%H', '--reverse', '--', `schemas/${file}`], { cwd: repoRoot, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
  const versions: string[] = [];
  for (const commit of commits) {
    try {
      const text = execFileSync('git', ['show', `${commit}:schemas/${file}`], { cwd: repoRoot, encoding: 'utf8' });
      if (!versions.includes(text)) versions.push(text);
    } catch {
      // The file was deleted in this commit.
    }
  }
  return versions;
}

const schemaFiles = readdirSync(SCHEMA_DIR).filter((name) => name.endsWith('.avsc')).sort();

describe('schemas', () => {
  it('cover every topic of the catalogue', () => {
    for (const topic of Object.values(TOPICS)) {
      assert.ok(schemaFiles.includes(topic.schemaFile), `${topic.name} has no schema file ${topic.schemaFile}`);
    }
  });

  for (const file of schemaFiles) {
    it(`${file} stays compatible with committed versions`, () => {
      const current = avro.Type.forSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')));
      for (const [index, text] of committedVersions(file).entries()) {
        const previous = avro.Type.forSchema(JSON.parse(text));
        assert.doesNotThrow(() => current.createResolver(previous), `new reader cannot read data written with committed version ${index + 1} of ${file}`);
        assert.doesNotThrow(() => previous.createResolver(current), `committed version ${index + 1} of ${file} cannot read data written with the new schema`);
      }
    });
  }

  it('match the generated TypeScript types', () => {
    const schemas = schemaFiles.map((file) => ({ file, schema: JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) }));
    const committed = readFileSync(join(import.meta.dirname, 'generated/types.ts'), 'utf8');
    assert.equal(committed, renderContractTypes(schemas), 'generated types are stale: run npx tsx scripts/generate-contract-types.ts');
  });

  it('match the topics reference page', () => {
    const committed = readFileSync(join(repoRoot, 'docs/topics.md'), 'utf8');
    assert.equal(committed, renderTopicsPage(), 'docs/topics.md is stale: run npx tsx scripts/generate-topics-doc.ts');
  });
});
