import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ContextSourceError } from './context-source.error.js';
import { loadSieveCatalog, type SieveCatalogLoadResult } from './sieve-catalog.loader.js';

const CATALOG = `schema: sieve.catalog/v1
assets:
  - name: payments-api
    kind: service
    owner: team-payments
    exposure: Internet
    dataClasses: [pci, pii, pci]
    criticality: high
    system: checkout
    lifecycle: production
    images: [ghcr.io/acme/payments-api:1.2.3, ghcr.io/acme/payments-api:1.2.4]
    repositories: [https://github.com/acme/payments.git, github.com/acme/payments-infra/]
  - name: ledger
    exposure: public
    dataClasses: [none, pii]
    criticality: urgent
    ownr: team-ledger
  - name: payments-api
    owner: someone-else
  - owner: nobody
  - just a string
  - name: "-bad"
`;

describe('loadSieveCatalog', () => {
  let folder: string;
  let loaded: SieveCatalogLoadResult;
  const asset = (name: string) => loaded.assets.find((candidate) => candidate.asset === name);
  const warning = (text: string) => loaded.warnings.find((candidate) => candidate.message.includes(text));

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sieve-catalog-'));
    writeFileSync(join(folder, 'sieve-catalog.yaml'), CATALOG);
    loaded = loadSieveCatalog(join(folder, 'sieve-catalog.yaml'));
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('reads every field', () => {
    const payments = asset('payments-api');
    assert.equal(payments?.kind, 'service');
    assert.equal(payments?.owner, 'team-payments');
    assert.equal(payments?.exposure, 'internet');
    assert.deepEqual(payments?.dataClasses, ['pci', 'pii']);
    assert.equal(payments?.criticality, 'high');
    assert.equal(payments?.system, 'checkout');
    assert.equal(payments?.lifecycle, 'production');
  });

  it('records the source of each value', () => {
    const payments = asset('payments-api');
    for (const source of [payments?.ownerSource, payments?.exposureSource, payments?.dataClassesSource, payments?.criticalitySource]) {
      assert.equal(source, 'sieve-catalog:sieve-catalog.yaml');
    }
  });

  it('links images without tags', () => {
    assert.deepEqual(asset('payments-api')?.images, ['ghcr.io/acme/payments-api']);
    assert.deepEqual(loaded.imageLinks, [{ image: 'ghcr.io/acme/payments-api', asset: 'payments-api', source: 'sieve-catalog:sieve-catalog.yaml' }]);
  });

  it('links repositories', () => {
    assert.deepEqual(
      loaded.repositoryLinks.map((link) => link.repository),
      ['https://github.com/acme/payments', 'github.com/acme/payments-infra'],
    );
  });

  it('leaves invalid values unset', () => {
    const ledger = asset('ledger');
    assert.equal(ledger?.exposure, null);
    assert.equal(ledger?.exposureSource, null);
    assert.deepEqual(ledger?.dataClasses, []);
    assert.equal(ledger?.dataClassesSource, null);
    assert.equal(ledger?.criticality, null);
  });

  it('names the key of an invalid value', () => {
    assert.equal(warning('exposure left unset')?.location, 'sieve-catalog.yaml:14');
    assert.match(warning('exposure left unset')?.message ?? '', /^assets\.1: exposure left unset: /);
    assert.ok(warning('dataClasses left unset: none must stand alone'));
    assert.ok(warning('criticality left unset'));
  });

  it('reports an unknown key', () => {
    assert.equal(warning('unknown key ownr ignored')?.location, 'sieve-catalog.yaml:17');
  });

  it('skips a repeated asset', () => {
    assert.equal(loaded.assets.filter((candidate) => candidate.asset === 'payments-api').length, 1);
    assert.ok(warning('assets.2: entry skipped: asset payments-api is already defined'));
  });

  it('skips entries without a valid name', () => {
    assert.ok(warning('assets.3: entry skipped: name'));
    assert.ok(warning('assets.4: entry skipped: expected a mapping'));
    assert.ok(warning('assets.5: entry skipped: name must start with a letter or digit'));
    assert.equal(loaded.assets.length, 2);
  });
});

describe('loadSieveCatalog rejection', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sieve-catalog-bad-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const rejection = (name: string, text: string): ContextSourceError => {
    const path = join(folder, name);
    writeFileSync(path, text);
    try {
      loadSieveCatalog(path);
    } catch (error) {
      assert.ok(error instanceof ContextSourceError);
      return error;
    }
    assert.fail('file was accepted');
  };

  it('rejects a Backstage file', () => {
    const error = rejection('catalog-info.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: x }\n');
    assert.equal(error.code, 'not_sieve_catalog');
    assert.match(error.message, /schema: .*Expected "schema: sieve\.catalog\/v1"/);
  });

  it('rejects a wrong assets type', () => {
    const error = rejection('assets.yaml', 'schema: sieve.catalog/v1\nassets: { name: x }\n');
    assert.match(error.message, /assets: /);
  });

  it('rejects an empty file', () => {
    assert.equal(rejection('empty.yaml', '').code, 'invalid_yaml');
  });

  it('rejects invalid YAML', () => {
    assert.match(rejection('broken.yaml', 'schema: [x\n').message, /YAML document 1 skipped/);
  });

  it('rejects a missing file', () => {
    assert.throws(() => loadSieveCatalog(join(folder, 'absent.yaml')), (error: ContextSourceError) => error.code === 'not_found');
  });

  it('warns about a second document', () => {
    const path = join(folder, 'two.yaml');
    writeFileSync(path, 'schema: sieve.catalog/v1\nassets: []\n---\nschema: sieve.catalog/v1\nassets: []\n');
    assert.ok(loadSieveCatalog(path).warnings.some((warning) => warning.message.startsWith('only the first YAML document')));
  });
});
