import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SecretRedactor } from './secret-redactor.js';
import { redactionMarker, redactSecrets } from './secrets.js';

function redactInPieces(text: string, secrets: string[], cuts: number[]): string {
  const redactor = new SecretRedactor(secrets);
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  let out = '';
  let from = 0;
  for (const point of points) {
    out += redactor.push(text.slice(from, point));
    from = point;
  }
  return out + redactor.push(text.slice(from)) + redactor.end();
}

describe('SecretRedactor', () => {
  it('redacts a split secret', () => {
    const secret = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    const text = `{"Match":"token=${secret}","Secret":"${secret}"}`;
    const out = redactInPieces(text, [secret], [20, 40]);
    assert.equal(out, redactSecrets(text, [secret]));
    assert.ok(!out.includes(secret));
    assert.ok(out.includes(redactionMarker(secret)));
  });

  it('redacts a split escaped secret', () => {
    const secret = 'pass"word\\with-escapes';
    const text = `{"a":${JSON.stringify(secret)}}`;
    const out = redactInPieces(text, [secret], [10, 11, 12]);
    assert.equal(out, redactSecrets(text, [secret]));
    assert.ok(!out.includes(JSON.stringify(secret).slice(1, -1)));
  });

  it('keeps surrogate pairs whole', () => {
    const secret = 'key-😀-value-long';
    const text = `x😀y${secret}😀z`;
    for (let cut = 0; cut <= text.length; cut++) {
      const redactor = new SecretRedactor([secret]);
      const parts = [redactor.push(text.slice(0, cut)), redactor.push(text.slice(cut)), redactor.end()];
      assert.equal(parts.join(''), redactSecrets(text, [secret]));
      for (const part of parts) {
        assert.ok(!/[\ud800-\udbff]$/.test(part), `cut ${cut} ends a piece inside a surrogate pair`);
      }
    }
  });

  it('redacts overlapping secrets like the whole text', () => {
    assert.equal(redactInPieces('"xy"xy', ['"xy', 'y"'], [4]), redactSecrets('"xy"xy', ['"xy', 'y"']));
  });

  it('matches whole-text redaction', () => {
    // No character of a redaction marker, so a marker never contains a secret.
    const alphabet = fc.constantFrom('x', 'y', 'xy', '"', '\\', '\n', 'q');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }), fc.array(word, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { maxLength: 6 }), (parts, secrets, cuts) => {
        const text = parts.join('');
        assert.equal(redactInPieces(text, secrets, cuts), redactSecrets(text, secrets));
      }),
      { numRuns: 2000 },
    );
  });
});
