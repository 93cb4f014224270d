import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ContextSourceError } from './context-source.error.js';
import { loadOsvAliases } from './osv-aliases.loader.js';

const folder = mkdtempSync(join(tmpdir(), 'sieve-osv-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function write(name: string, value: unknown): string {
  const path = join(folder, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

describe('loadOsvAliases', () => {
  it('makes every id of a record an alias of the others', () => {
    const path = write('one/GHSA-jfh8-c2jp-5v3q.json', { id: 'GHSA-jfh8-c2jp-5v3q', aliases: ['CVE-2021-44228'], summary: 'Remote code injection in Log4j' });
    const { intel, warnings } = loadOsvAliases(path, 5);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      intel.map((record) => [record.vulnerabilityId, record.aliases]),
      [
        ['CVE-2021-44228', ['GHSA-jfh8-c2jp-5v3q']],
        ['GHSA-jfh8-c2jp-5v3q', ['CVE-2021-44228']],
      ],
    );
    assert.equal(intel[0]?.source, 'osv:GHSA-jfh8-c2jp-5v3q.json');
    assert.equal(intel[0]?.kev, null);
  });

  it('joins records of a folder that share an id', () => {
    write('many/a.json', [{ id: 'GO-2022-0001', aliases: ['CVE-2022-0001'] }, { id: 'PYSEC-2022-1', aliases: [] }]);
    write('many/nested/b.json', { id: 'GHSA-aaaa-bbbb-cccc', aliases: ['cve-2022-0001'] });
    const { intel } = loadOsvAliases(join(folder, 'many'));
    const cve = intel.find((record) => record.vulnerabilityId === 'CVE-2022-0001');
    assert.deepEqual(cve?.aliases, ['GHSA-aaaa-bbbb-cccc', 'GO-2022-0001']);
    assert.equal(intel.some((record) => record.vulnerabilityId === 'PYSEC-2022-1'), false);
  });

  it('skips broken files and records with a warning', () => {
    write('broken/bad.json', '{"id": ');
    write('broken/no-id.json', [{ aliases: ['CVE-2020-1'] }]);
    const { intel, warnings } = loadOsvAliases(join(folder, 'broken'));
    assert.deepEqual(intel, []);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!.location ?? '', /bad\.json$/);
    assert.match(warnings[1]!.location ?? '', /no-id\.json#\/0$/);
  });

  it('rejects a missing path', () => {
    assert.throws(() => loadOsvAliases(join(folder, 'missing')), (error) => error instanceof ContextSourceError && /OSV file or folder not found/.test(error.message));
  });
});
