import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { headersToText } from './kafka-headers.js';

describe('headersToText', () => {
  it('decodes buffers as UTF-8', () => {
    assert.deepEqual(headersToText({ 'sieve-producer': Buffer.from('dedup') }), { 'sieve-producer': 'dedup' });
  });

  it('keeps the last of repeated values', () => {
    assert.deepEqual(headersToText({ traceparent: [Buffer.from('first'), 'second'] }), { traceparent: 'second' });
  });

  it('drops undefined values', () => {
    assert.deepEqual(headersToText({ missing: undefined }), {});
  });

  it('accepts no headers', () => {
    assert.deepEqual(headersToText(undefined), {});
  });
});
