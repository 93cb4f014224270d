import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { normalizeRepoPath, snippetHash } from './location.js';

// The definition that snippetHash must match: fold every white-space run, trim, SHA-256 in hex.
function referenceHash(snippet: string): string {
  return createHash('sha256').update(snippet.replace(/\s+/g, ' ').trim(), 'utf8').digest('hex');
}

describe('snippetHash', () => {
  const snippets = [
    'const q = "SELECT * FROM t WHERE id=" + id;',
    '  leading and trailing  ',
    'two  spaces',
    'tab\there',
    'line\nbreak',
    'crlf\r\nbreak',
    'no-break\u00a0space',
    'ideographic\u3000space',
    'byte order mark\ufeff',
    'non-ASCII überprüfung 検出',
    'lone surrogate \ud800 here',
  ];

  for (const snippet of snippets) {
    it(`matches the folded SHA-256 for ${JSON.stringify(snippet)}`, () => {
      assert.equal(snippetHash(snippet), referenceHash(snippet));
    });
  }

  it('ignores re-indentation', () => {
    assert.equal(snippetHash('if (a) {\n    run();\n}'), snippetHash('if (a) {\n\trun();\n}'));
  });

  it('returns null for blank or missing snippets', () => {
    assert.equal(snippetHash(' \n\t '), null);
    assert.equal(snippetHash(''), null);
    assert.equal(snippetHash(null), null);
    assert.equal(snippetHash(undefined), null);
  });
});

describe('normalizeRepoPath', () => {
  const cases: Array<[string, string]> = [
    ['src/app/main.ts', 'src/app/main.ts'],
    ['  src/app.ts ', 'src/app.ts'],
    ['dojo/cred\\views.py', 'dojo/cred/views.py'],
    ['src//lib///a.py', 'src/lib/a.py'],
    ['a\\/b', 'a/b'],
    ['././src/a.py', 'src/a.py'],
    ['/abs/path.go', 'abs/path.go'],
    ['//server/share/x', 'server/share/x'],
    ['file:///home/ci/repo/a%20b.py', 'home/ci/repo/a b.py'],
  ];

  for (const [path, expected] of cases) {
    it(`writes ${JSON.stringify(path)} as ${JSON.stringify(expected)}`, () => {
      assert.equal(normalizeRepoPath(path), expected);
    });
  }
});
