import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecrets, redactionMarker, secretRef } from './secrets.js';

describe('secretRef', () => {
  it('hashes and masks a long value', () => {
    const ref = secretRef('AKIAIOSFODNN7EXAMPLE');
    assert.equal(ref.preview, 'AK****LE');
    assert.equal(ref.sha256.length, 64);
  });

  it('shows nothing of a short value', () => {
    assert.equal(secretRef('hunter2').preview, '****');
  });

  it('reads back a marker of a secret ending in a line break', () => {
    const secret = '-----BEGIN KEY-----\nabc\n';
    assert.deepEqual(secretRef(redactionMarker(secret)), secretRef(secret));
  });

  it('reads back a redaction marker', () => {
    assert.deepEqual(secretRef(redactionMarker('AKIAIOSFODNN7EXAMPLE')), secretRef('AKIAIOSFODNN7EXAMPLE'));
  });
});

describe('redactSecrets', () => {
  it('removes every occurrence', () => {
    const text = redactSecrets('{"Secret":"abc123secretXYZ","Match":"key=abc123secretXYZ"}', ['abc123secretXYZ']);
    assert.equal(text.includes('abc123secretXYZ'), false);
  });

  it('removes the JSON-escaped form of a multi-line secret', () => {
    const secret = '-----BEGIN KEY-----\nMIIabc\n-----END KEY-----';
    const text = redactSecrets(JSON.stringify({ Secret: secret }), [secret]);
    assert.equal(text.includes('MIIabc'), false);
  });
});
