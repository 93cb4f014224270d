import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AssetContext } from '@sieve/contracts';
import { parseCodeowners } from './codeowners.parser.js';
import { resolveOwner, type CodeownersFile } from './owner.resolver.js';

const CODEOWNERS_TEXT = [
  '*                      @org/platform',
  '/services/payments/    @org/payments',
  '/services/payments/api/ @alice @org/api-guild',
  '/services/payments/generated/',
].join('\n');

const CODEOWNERS: CodeownersFile = { rules: parseCodeowners(CODEOWNERS_TEXT, '.github/CODEOWNERS').rules, source: '.github/CODEOWNERS' };

function assetContext(overrides: Partial<AssetContext>): AssetContext {
  return {
    asset: 'payments',
    kind: 'service',
    owner: null,
    ownerSource: null,
    exposure: null,
    exposureSource: null,
    dataClasses: [],
    dataClassesSource: null,
    criticality: null,
    criticalitySource: null,
    system: null,
    lifecycle: null,
    images: [],
    codeOwners: [],
    codeOwnersSource: null,
    runtimeObservations: [],
    updatedAt: 0,
    ...overrides,
  };
}

const CATALOGUED = assetContext({ owner: 'payments-team', ownerSource: 'catalog:catalog-info.yaml#Component:payments' });

describe('resolveOwner', () => {
  it('prefers the catalog owner', () => {
    const resolved = resolveOwner({ asset: CATALOGUED, codeowners: CODEOWNERS, path: 'services/payments/api/a.ts' });
    assert.equal(resolved.owner, 'payments-team');
    assert.equal(resolved.source, 'catalog:catalog-info.yaml#Component:payments');
  });

  it('uses CODEOWNERS without a catalog owner', () => {
    const resolved = resolveOwner({ asset: assetContext({}), codeowners: CODEOWNERS, path: 'services/payments/api/a.ts' });
    assert.equal(resolved.owner, '@alice, @org/api-guild');
    assert.equal(resolved.source, 'codeowners:.github/CODEOWNERS:3');
  });

  it('uses CODEOWNERS without an asset', () => {
    const resolved = resolveOwner({ asset: null, codeowners: CODEOWNERS, path: 'tools/build.sh' });
    assert.equal(resolved.owner, '@org/platform');
    assert.equal(resolved.source, 'codeowners:.github/CODEOWNERS:1');
  });

  it('prefixes the asset root in a monorepo', () => {
    const resolved = resolveOwner({ asset: null, codeowners: CODEOWNERS, path: 'src/charge.ts', pathPrefix: 'services/payments/' });
    assert.equal(resolved.owner, '@org/payments');
    assert.equal(resolved.source, 'codeowners:.github/CODEOWNERS:2');
  });

  it('uses the asset root without a path', () => {
    const resolved = resolveOwner({ asset: null, codeowners: CODEOWNERS, path: null, pathPrefix: 'services/payments/api' });
    assert.equal(resolved.owner, '@alice, @org/api-guild');
    assert.equal(resolved.source, 'codeowners:.github/CODEOWNERS:3');
  });

  it('uses the repository root without path or prefix', () => {
    const resolved = resolveOwner({ asset: null, codeowners: CODEOWNERS, path: null });
    assert.equal(resolved.owner, '@org/platform');
  });

  it('returns no owner for an un-assigned path', () => {
    const resolved = resolveOwner({ asset: null, codeowners: CODEOWNERS, path: 'services/payments/generated/client.ts' });
    assert.equal(resolved.owner, null);
    assert.equal(resolved.source, null);
  });

  it('falls back to the rules on the asset', () => {
    const asset = assetContext({ codeOwners: CODEOWNERS.rules, codeOwnersSource: 'CODEOWNERS' });
    const resolved = resolveOwner({ asset, codeowners: null, path: 'services/payments/x.ts' });
    assert.equal(resolved.owner, '@org/payments');
    assert.equal(resolved.source, 'codeowners:CODEOWNERS:2');
  });

  it('returns no owner without any context', () => {
    assert.deepEqual(resolveOwner({ asset: null, codeowners: null, path: 'a.ts' }), { owner: null, source: null });
  });
});
