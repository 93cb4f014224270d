import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AssetContext } from '@sieve/contracts';
import { emptyAssetContext } from './asset-context.factory.js';
import { mergeAssetContexts, originOf } from './asset-context.merger.js';

function context(asset: string, source: string, fields: Partial<AssetContext>): AssetContext {
  const result: AssetContext = { ...emptyAssetContext(asset, 1), ...fields };
  if (result.owner !== null) result.ownerSource = source;
  if (result.exposure !== null) result.exposureSource = source;
  if (fields.dataClasses !== undefined) result.dataClassesSource = source;
  if (result.criticality !== null) result.criticalitySource = source;
  return result;
}

const backstage = context('payments', 'catalog:catalog-info.yaml#Component:payments', {
  owner: 'team-payments',
  exposure: 'internal',
  dataClasses: ['pii'],
  criticality: 'medium',
  system: 'checkout',
  lifecycle: 'production',
  images: ['ghcr.io/acme/payments'],
  updatedAt: 5,
});
const sieveCatalog = context('payments', 'sieve-catalog:sieve-catalog.yaml', {
  owner: 'appsec',
  exposure: 'partner',
  dataClasses: ['pci', 'pii'],
  criticality: 'high',
  system: 'billing',
  updatedAt: 9,
});
const kubernetes = context('payments', 'k8s:deploy.yaml#Ingress/shop', {
  exposure: 'internet',
  kind: 'service',
  images: ['ghcr.io/acme/payments-migrate', 'ghcr.io/acme/payments'],
  updatedAt: 7,
});
const kubernetesOwner = context('payments', 'k8s:deploy.yaml#Deployment/payments', { owner: 'k8s-team' });

describe('mergeAssetContexts', () => {
  // Given in the reverse of every precedence order, so input order cannot decide.
  const [merged] = mergeAssetContexts([kubernetesOwner, kubernetes, sieveCatalog, backstage]);

  it('returns one context per asset', () => {
    assert.equal(mergeAssetContexts([kubernetes, backstage, emptyAssetContext('ledger', 1)]).length, 2);
  });

  it('takes the Backstage owner', () => {
    assert.equal(merged?.owner, 'team-payments');
    assert.equal(merged?.ownerSource, 'catalog:catalog-info.yaml#Component:payments');
  });

  it('takes the Kubernetes exposure', () => {
    assert.equal(merged?.exposure, 'internet');
    assert.equal(merged?.exposureSource, 'k8s:deploy.yaml#Ingress/shop');
  });

  it('takes the Sieve catalog data classes', () => {
    assert.deepEqual(merged?.dataClasses, ['pci', 'pii']);
    assert.equal(merged?.dataClassesSource, 'sieve-catalog:sieve-catalog.yaml');
  });

  it('takes the Sieve catalog criticality', () => {
    assert.equal(merged?.criticality, 'high');
    assert.equal(merged?.criticalitySource, 'sieve-catalog:sieve-catalog.yaml');
  });

  it('takes Backstage descriptions', () => {
    assert.equal(merged?.system, 'checkout');
    assert.equal(merged?.lifecycle, 'production');
    assert.equal(merged?.kind, 'service');
  });

  it('unions the images', () => {
    assert.deepEqual(merged?.images, ['ghcr.io/acme/payments-migrate', 'ghcr.io/acme/payments']);
  });

  it('keeps the latest update time', () => {
    assert.equal(merged?.updatedAt, 9);
  });

  it('falls back down the order', () => {
    const [fallback] = mergeAssetContexts([kubernetesOwner, { ...sieveCatalog, exposure: null, exposureSource: null }, backstage]);
    assert.equal(fallback?.exposure, 'internal');
    assert.equal(fallback?.exposureSource, 'catalog:catalog-info.yaml#Component:payments');
  });

  it('uses Kubernetes owner last', () => {
    const [fallback] = mergeAssetContexts([kubernetesOwner, { ...sieveCatalog, owner: null, ownerSource: null }]);
    assert.equal(fallback?.owner, 'k8s-team');
    assert.equal(fallback?.ownerSource, 'k8s:deploy.yaml#Deployment/payments');
  });

  it('prefers the earlier of equal rank', () => {
    const other = context('payments', 'catalog:other.yaml#Component:payments', { owner: 'team-other' });
    const [tie] = mergeAssetContexts([other, backstage]);
    assert.equal(tie?.owner, 'team-other');
  });
});

describe('mergeAssetContexts fallback exposure', () => {
  it('takes the Sieve catalog without Kubernetes', () => {
    const [merged] = mergeAssetContexts([backstage, sieveCatalog]);
    assert.equal(merged?.exposure, 'partner');
    assert.equal(merged?.exposureSource, 'sieve-catalog:sieve-catalog.yaml');
  });
});

describe('originOf', () => {
  const cases: Array<[string | null, string]> = [
    ['catalog:a.yaml#Component:x', 'backstage'],
    ['sieve-catalog:sieve-catalog.yaml', 'sieve-catalog'],
    ['k8s:a.yaml#Service/x', 'kubernetes'],
    ['codeowners:CODEOWNERS:3', 'codeowners'],
    ['manual', 'other'],
    [null, 'other'],
  ];
  for (const [source, origin] of cases) {
    it(`reads ${source}`, () => {
      assert.equal(originOf(source), origin);
    });
  }
});
