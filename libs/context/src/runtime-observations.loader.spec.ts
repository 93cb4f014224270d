import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ContextSourceError } from './context-source.error.js';
import { loadRuntimeObservations, type RuntimeObservationsLoadResult } from './runtime-observations.loader.js';

const OBSERVATIONS = {
  schema: 'sieve.runtime-observations/v1',
  service: 'payments-api',
  sensor: { name: 'acme-agent', version: '2.3.0' },
  window: { from: '2025-06-01T00:00:00Z', to: '2025-06-08T00:00:00Z' },
  packages: [
    { purl: 'pkg:npm/lodash@4.17.20', loaded: true },
    { purl: 'pkg:npm/%40babel/core@7.24.0', loaded: false },
    { purl: 'not a purl', loaded: true },
    { purl: 'pkg:npm/left-pad@1.3.0' },
  ],
  functions: [{ purl: 'pkg:npm/lodash@4.17.20', symbol: 'template', vulnerabilityIds: ['cve-2021-23337'], called: false }],
};

describe('loadRuntimeObservations', () => {
  let folder: string;
  let loaded: RuntimeObservationsLoadResult;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sieve-runtime-'));
    writeFileSync(join(folder, 'payments.json'), JSON.stringify(OBSERVATIONS));
    loaded = loadRuntimeObservations(join(folder, 'payments.json'));
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('reads service, sensor and window', () => {
    assert.equal(loaded.observations.service, 'payments-api');
    assert.deepEqual(loaded.observations.sensor, { name: 'acme-agent', version: '2.3.0' });
    assert.deepEqual(loaded.observations.window, OBSERVATIONS.window);
  });

  it('names the file as source', () => {
    assert.equal(loaded.observations.source, 'runtime:payments.json');
  });

  it('reads packages with identity', () => {
    assert.deepEqual(loaded.observations.packages[0], { purl: 'pkg:npm/lodash@4.17.20', loaded: true, identity: 'pkg:npm/lodash', version: '4.17.20' });
    assert.equal(loaded.observations.packages.length, 2);
  });

  it('normalizes function ids', () => {
    assert.deepEqual(loaded.observations.functions[0]?.vulnerabilityIds, ['CVE-2021-23337']);
  });

  it('infers watched ecosystems', () => {
    assert.deepEqual(loaded.observations.ecosystems, ['npm']);
  });

  it('warns about bad entries', () => {
    assert.deepEqual(
      loaded.warnings.map((warning) => [(warning.location ?? '').slice(folder.length + 1), warning.message]),
      [
        ['payments.json#/packages/2', 'packages entry skipped: purl "not a purl" is not a valid package URL'],
        ['payments.json#/packages/3', 'packages entry skipped: loaded: expected boolean, received undefined'],
      ],
    );
  });

  it('keeps declared ecosystems', () => {
    const path = join(folder, 'declared.json');
    writeFileSync(path, JSON.stringify({ ...OBSERVATIONS, ecosystems: ['NPM', 'maven'] }));
    assert.deepEqual(loadRuntimeObservations(path).observations.ecosystems, ['npm', 'maven']);
  });
});

describe('loadRuntimeObservations rejection', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sieve-runtime-bad-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const rejection = (name: string, text: string): ContextSourceError => {
    const path = join(folder, name);
    writeFileSync(path, text);
    try {
      loadRuntimeObservations(path);
    } catch (error) {
      assert.ok(error instanceof ContextSourceError);
      return error;
    }
    assert.fail('file was accepted');
  };

  it('rejects another schema', () => {
    const error = rejection('sbom.json', JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6' }));
    assert.equal(error.code, 'not_runtime_observations');
    assert.match(error.message, /schema: /);
  });

  it('rejects a reversed window', () => {
    const error = rejection('window.json', JSON.stringify({ ...OBSERVATIONS, window: { from: '2025-06-08T00:00:00Z', to: '2025-06-01T00:00:00Z' } }));
    assert.match(error.message, /window\.to: from must not be after to/);
  });

  it('rejects a date without time', () => {
    assert.match(rejection('date.json', JSON.stringify({ ...OBSERVATIONS, window: { from: '2025-06-01', to: '2025-06-08T00:00:00Z' } })).message, /window\.from/);
  });

  it('rejects invalid JSON', () => {
    assert.equal(rejection('broken.json', '{"schema":').code, 'invalid_json');
  });
});
