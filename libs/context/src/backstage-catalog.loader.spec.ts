import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCatalog } from './backstage-catalog.loader.js';
import { ContextSourceError } from './context-source.error.js';

const MAIN_CATALOG = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  annotations:
    sieve.dev/exposure: internet
    sieve.dev/data-classes: pii, pci
    sieve.dev/criticality: high
spec:
  type: service
  lifecycle: production
  owner: group:default/payments-team
  system: system:checkout
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: broken
  annotations: [unterminated
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
  annotations:
    sieve.dev/exposure: public
    sieve.dev/data-classes: pii, secrets
    sieve.dev/criticality: urgent
spec:
  type: library
  lifecycle: experimental
  owner: user:alice
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: checkout
spec:
  owner: payments-team
  domain: commerce
`;

const TEAM_CATALOG = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments-team
spec:
  type: team
  parent: group:default/engineering
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: payments-rest
spec:
  type: openapi
  lifecycle: production
  owner: payments-team
  system: checkout
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: payments-db
spec:
  type: database
  owner: group:payments-team
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
spec:
  type: service
  owner: someone-else
`;

const KUBERNETES_MANIFEST = `apiVersion: v1
kind: Service
metadata:
  name: payments
`;

const ALIAS_BOMB = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: bomb
  annotations:
    a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]
spec:
  owner: attackers
`;

let root: string;

function writeFixture(relativePath: string, text: string): string {
  const path = join(root, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'sieve-context-catalog-'));
  writeFixture('catalog-info.yaml', MAIN_CATALOG);
  writeFixture('teams/org.yml', TEAM_CATALOG);
  writeFixture('deploy/service.yaml', KUBERNETES_MANIFEST);
  writeFixture('node_modules/some-package/catalog-info.yaml', MAIN_CATALOG.replace('payments-api', 'from-dependency'));
  writeFixture('README.md', '# not YAML\n');
});

after(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('loadCatalog', () => {
  it('maps a Component to an asset', () => {
    const asset = loadCatalog(root).assets.find((candidate) => candidate.asset === 'payments-api');
    assert.equal(asset?.kind, 'service');
    assert.equal(asset?.owner, 'payments-team');
    assert.equal(asset?.lifecycle, 'production');
    assert.equal(asset?.system, 'checkout');
  });

  it('records the source of each value', () => {
    const asset = loadCatalog(root).assets.find((candidate) => candidate.asset === 'payments-api');
    const source = 'catalog:catalog-info.yaml#Component:payments-api';
    assert.equal(asset?.ownerSource, source);
    assert.equal(asset?.exposureSource, source);
    assert.equal(asset?.dataClassesSource, source);
    assert.equal(asset?.criticalitySource, source);
  });

  it('reads the Sieve annotations', () => {
    const asset = loadCatalog(root).assets.find((candidate) => candidate.asset === 'payments-api');
    assert.equal(asset?.exposure, 'internet');
    assert.deepEqual(asset?.dataClasses, ['pii', 'pci']);
    assert.equal(asset?.criticality, 'high');
  });

  it('warns on a bad document and loads the rest', () => {
    const result = loadCatalog(root);
    const warning = result.warnings.find((candidate) => candidate.message.startsWith('YAML document 2 skipped'));
    assert.ok(warning, 'no warning for the bad document');
    const line = Number(warning.location?.split(':')[1]);
    assert.match(warning.location ?? '', /^catalog-info\.yaml:\d+$/);
    assert.ok(line >= 15, `line ${line} is before the bad document`);
    assert.ok(line <= 21, `line ${line} is after the bad document`);
    assert.ok(result.assets.some((asset) => asset.asset === 'ledger'));
  });

  it('leaves invalid annotation values unset', () => {
    const ledger = loadCatalog(root).assets.find((candidate) => candidate.asset === 'ledger');
    assert.equal(ledger?.exposure, null);
    assert.equal(ledger?.exposureSource, null);
    assert.deepEqual(ledger?.dataClasses, []);
    assert.equal(ledger?.dataClassesSource, null);
    assert.equal(ledger?.criticality, null);
  });

  it('warns on each invalid annotation', () => {
    const warnings = loadCatalog(root).warnings.filter((warning) => warning.message.startsWith('invalid sieve.dev/'));
    assert.equal(warnings.length, 3);
    const exposure = warnings.find((warning) => warning.message.includes('sieve.dev/exposure'));
    assert.match(exposure?.message ?? '', /"public" on Component ledger/);
    assert.equal(exposure?.location, 'catalog-info.yaml:26');
  });

  it('keeps the owner of a user', () => {
    const ledger = loadCatalog(root).assets.find((candidate) => candidate.asset === 'ledger');
    assert.equal(ledger?.owner, 'alice');
    assert.equal(ledger?.kind, 'repository');
  });

  it('keeps systems, APIs, resources and groups', () => {
    const result = loadCatalog(root);
    assert.deepEqual(
      result.systems.map((system) => [system.name, system.owner, system.domain]),
      [['checkout', 'payments-team', 'commerce']],
    );
    assert.equal(result.apis[0]?.name, 'payments-rest');
    assert.equal(result.resources[0]?.owner, 'payments-team');
    assert.equal(result.groups[0]?.name, 'payments-team');
    assert.equal(result.groups[0]?.parent, 'engineering');
  });

  it('names nested files relative to the folder', () => {
    const group = loadCatalog(root).groups[0];
    assert.equal(group?.source, 'catalog:teams/org.yml#Group:payments-team');
  });

  it('skips a duplicate Component', () => {
    const result = loadCatalog(root);
    assert.equal(result.assets.filter((asset) => asset.asset === 'payments-api').length, 1);
    assert.ok(result.warnings.some((warning) => warning.message.startsWith('duplicate Component payments-api')));
  });

  it('passes over non-Backstage YAML', () => {
    const result = loadCatalog(root);
    assert.ok(!result.warnings.some((warning) => warning.location?.startsWith('deploy/')));
  });

  it('skips node_modules', () => {
    const result = loadCatalog(root);
    assert.ok(!result.assets.some((asset) => asset.asset === 'from-dependency'));
  });

  it('loads a single file', () => {
    const result = loadCatalog(join(root, 'teams', 'org.yml'));
    assert.equal(result.assets[0]?.ownerSource, 'catalog:org.yml#Component:payments-api');
    assert.equal(result.assets[0]?.owner, 'someone-else');
  });

  it('rejects a missing path', () => {
    assert.throws(() => loadCatalog(join(root, 'missing')), ContextSourceError);
  });
});

describe('loadCatalog on hostile input', () => {
  let hostile: string;

  before(() => {
    hostile = mkdtempSync(join(tmpdir(), 'sieve-context-hostile-'));
  });

  after(() => {
    rmSync(hostile, { recursive: true, force: true });
  });

  it('rejects an alias bomb', () => {
    const path = join(hostile, 'bomb.yaml');
    writeFileSync(path, ALIAS_BOMB);
    const result = loadCatalog(path);
    assert.deepEqual(result.assets, []);
    assert.match(result.warnings[0]?.message ?? '', /alias/i);
  });

  it('skips a file over the size limit', () => {
    const path = join(hostile, 'large.yaml');
    writeFileSync(path, MAIN_CATALOG);
    const result = loadCatalog(path, { maxFileBytes: 100 });
    assert.deepEqual(result.assets, []);
    assert.match(result.warnings[0]?.message ?? '', /exceeds the 100-byte limit/);
  });

  it('keeps a custom tag as text', () => {
    const path = join(hostile, 'tagged.yaml');
    writeFileSync(path, MAIN_CATALOG.replace('lifecycle: production', 'lifecycle: !js/function production'));
    const result = loadCatalog(path);
    const asset = result.assets.find((candidate) => candidate.asset === 'payments-api');
    assert.equal(asset?.lifecycle, 'production');
    assert.ok(result.warnings.some((warning) => warning.message.includes('Unresolved tag')));
  });

  it('warns on an entity without a name', () => {
    const path = join(hostile, 'nameless.yaml');
    writeFileSync(path, 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  title: x\nspec:\n  owner: a\n');
    const result = loadCatalog(path);
    assert.deepEqual(result.assets, []);
    assert.match(result.warnings[0]?.message ?? '', /^Component skipped: metadata\.name/);
  });

  it('stops at the file limit', () => {
    const folder = join(hostile, 'many');
    mkdirSync(folder);
    for (const name of ['a.yaml', 'b.yaml', 'c.yaml']) {
      writeFileSync(join(folder, name), KUBERNETES_MANIFEST);
    }
    const result = loadCatalog(folder, { maxFiles: 2 });
    assert.match(result.warnings[0]?.message ?? '', /more than 2 YAML files/);
  });
});
