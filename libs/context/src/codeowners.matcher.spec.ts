import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchCodeowners } from './codeowners.matcher.js';
import { parseCodeowners } from './codeowners.parser.js';

function ownersOf(file: string, path: string): string[] | null {
  return matchCodeowners(parseCodeowners(file, 'CODEOWNERS').rules, path)?.owners ?? null;
}

const GITHUB_EXAMPLE = [
  '*             @global',
  '*.js          @js-owner',
  '/build/logs/  @build-logs',
  'docs/*        docs@example.com',
  'apps/         @octocat',
  '/docs/        @doctocat',
  '**/logs       @logger',
  '/apps/github',
  '\\#notes.md    @hash-owner',
].join('\n');

describe('matchCodeowners', () => {
  it('lets the last matching rule win', () => {
    const match = matchCodeowners(parseCodeowners(GITHUB_EXAMPLE, 'CODEOWNERS').rules, 'src/index.js');
    assert.deepEqual(match?.owners, ['@js-owner']);
    assert.equal(match?.line, 2);
  });

  it('falls back to an earlier rule', () => {
    assert.deepEqual(ownersOf(GITHUB_EXAMPLE, 'src/main.go'), ['@global']);
  });

  it('matches a slash-free pattern at any depth', () => {
    assert.deepEqual(ownersOf(GITHUB_EXAMPLE, 'a/b/c/d.js'), ['@js-owner']);
  });

  it('anchors a leading slash at the root', () => {
    assert.deepEqual(ownersOf(GITHUB_EXAMPLE, 'docs/guide/intro.md'), ['@doctocat']);
    assert.deepEqual(ownersOf(GITHUB_EXAMPLE, 'site/docs/guide/intro.md'), ['@global']);
  });

  it('matches a directory rule at any depth', () => {
    assert.deepEqual(ownersOf(GITHUB_EXAMPLE, 'x/apps/web/main.rb'), ['@octocat']);
  });

  it('matches everything below a directory', () => {
    assert.deepEqual(ownersOf('/build/logs/ @build-logs', 'build/logs/2024/01/run.txt'), ['@build-logs']);
  });

  it('does not match a directory rule on a file of that name', () => {
    assert.equal(ownersOf('apps/ @octocat', 'apps'), null);
  });

  it('matches direct children for a trailing star', () => {
    assert.deepEqual(ownersOf('docs/* @docs', 'docs/getting-started.md'), ['@docs']);
    assert.equal(ownersOf('docs/* @docs', 'docs/build-app/troubleshooting.md'), null);
  });

  it('anchors a pattern with an inner slash', () => {
    assert.equal(ownersOf('docs/* @docs', 'site/docs/index.md'), null);
  });

  it('matches ** across folders', () => {
    assert.deepEqual(ownersOf(GITHUB_EXAMPLE, 'deeply/nested/logs/app.log'), ['@logger']);
    assert.deepEqual(ownersOf('src/**/*.ts @ts', 'src/a/b/c.ts'), ['@ts']);
    assert.deepEqual(ownersOf('src/**/*.ts @ts', 'src/c.ts'), ['@ts']);
  });

  it('matches a trailing ** below a folder', () => {
    assert.deepEqual(ownersOf('/vendor/** @vendor', 'vendor/lib/a.c'), ['@vendor']);
    assert.equal(ownersOf('/vendor/** @vendor', 'vendor'), null);
  });

  it('keeps a single star inside one folder', () => {
    assert.deepEqual(ownersOf('/*.md @root-docs', 'README.md'), ['@root-docs']);
    assert.equal(ownersOf('/*.md @root-docs', 'docs/README.md'), null);
  });

  it('matches ? as one character', () => {
    assert.deepEqual(ownersOf('/v?.txt @v', 'v1.txt'), ['@v']);
    assert.equal(ownersOf('/v?.txt @v', 'v10.txt'), null);
    assert.equal(ownersOf('/a?b @v', 'a/b'), null);
  });

  it('returns empty owners for an un-assigned path', () => {
    const match = matchCodeowners(parseCodeowners(GITHUB_EXAMPLE, 'CODEOWNERS').rules, 'apps/github/app.rb');
    assert.deepEqual(match?.owners, []);
    assert.equal(match?.line, 8);
  });

  it('matches an escaped # literally', () => {
    assert.deepEqual(ownersOf(GITHUB_EXAMPLE, '#notes.md'), ['@hash-owner']);
  });

  it('matches an escaped space literally', () => {
    assert.deepEqual(ownersOf('path\\ with\\ spaces/ @space', 'path with spaces/a.txt'), ['@space']);
  });

  it('treats regex metacharacters literally', () => {
    assert.equal(ownersOf('/file.txt @f', 'fileXtxt'), null);
    assert.equal(ownersOf('/a+b(c).txt @f', 'aab(c).txt'), null);
    assert.deepEqual(ownersOf('/a+b(c).txt @f', 'a+b(c).txt'), ['@f']);
  });

  it('is case sensitive', () => {
    assert.equal(ownersOf('/Docs/ @docs', 'docs/a.md'), null);
  });

  it('normalises the path', () => {
    assert.deepEqual(ownersOf('/src/ @src', './src//a.ts'), ['@src']);
    assert.deepEqual(ownersOf('/src/ @src', '/src/a.ts'), ['@src']);
  });

  it('returns null without a match', () => {
    assert.equal(ownersOf('*.js @js', 'main.go'), null);
  });

  it('stays fast on a hostile path', () => {
    const rules = parseCodeowners('*a*a*a*a*a*a*b @x\n**/a/**/a/**/a/**/b @y', 'CODEOWNERS').rules;
    const started = performance.now();
    assert.equal(matchCodeowners(rules, 'a'.repeat(50_000)), null);
    assert.equal(matchCodeowners(rules, 'a/'.repeat(25_000)), null);
    assert.ok(performance.now() - started < 1000, 'matching took over a second');
  });
});
