import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shortEntityRef } from './entity-ref.parser.js';

describe('shortEntityRef', () => {
  it('strips a kind and the default namespace', () => {
    assert.equal(shortEntityRef('group:default/payments-team'), 'payments-team');
    assert.equal(shortEntityRef('user:alice'), 'alice');
    assert.equal(shortEntityRef('default/payments-team'), 'payments-team');
  });

  it('keeps another namespace', () => {
    assert.equal(shortEntityRef('group:finance/payments-team'), 'finance/payments-team');
  });

  it('keeps a plain name', () => {
    assert.equal(shortEntityRef('payments-team'), 'payments-team');
  });
});
