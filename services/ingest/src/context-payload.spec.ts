import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyAssetContext } from '@sieve/context';
import { readContextPayload } from './context-payload.js';

const body = (value: unknown) => Buffer.from(JSON.stringify(value));

const intel = {
  vulnerabilityId: 'CVE-2021-44228',
  kev: { dateAdded: '2021-12-10', dueDate: null, knownRansomwareUse: true, vendor: null, product: null },
  epss: null,
  source: 'cisa-kev:2026.12.01',
  updatedAt: 0,
};

describe('readContextPayload', () => {
  it('accepts asset contexts and intel in the topic shapes', () => {
    const payload = readContextPayload(body({ assets: [emptyAssetContext('payments-api', 0)], intel: [intel] }));
    assert.ok(typeof payload !== 'string', String(payload));
    assert.equal(payload.assets[0]?.asset, 'payments-api');
    assert.equal(payload.intel[0]?.vulnerabilityId, 'CVE-2021-44228');
  });

  it('names the record and field that does not fit the schema', () => {
    const broken = { ...emptyAssetContext('payments-api', 0), exposure: 'public' };
    assert.equal(readContextPayload(body({ assets: [emptyAssetContext('a', 0), broken] })), '/assets/1: exposure is missing or has the wrong type for dev.sieve.asset.AssetContext');
  });

  it('rejects a body that is not an object of lists', () => {
    assert.match(String(readContextPayload(Buffer.from('{"assets": '))), /^request body is not JSON/);
    assert.equal(readContextPayload(body([intel])), 'request body must be an object with "assets" and "intel" lists');
    assert.equal(readContextPayload(body({ intel: {} })), '"assets" and "intel" must be lists');
  });
});
