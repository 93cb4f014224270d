import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_CODEOWNERS_BYTES, parseCodeowners } from './codeowners.parser.js';

const FILE = [
  '# Default owners',
  '*       @org/everyone',
  '',
  '*.js    @js-owner   # owners of scripts',
  '/docs/  @doctocat docs@example.com',
  '/apps/github',
  '\\#notes.md @hash-owner',
  'path\\ with\\ spaces/ @space-owner',
].join('\n');

describe('parseCodeowners', () => {
  it('skips comments and blank lines', () => {
    const { rules } = parseCodeowners(FILE, 'CODEOWNERS');
    assert.deepEqual(
      rules.map((rule) => rule.line),
      [2, 4, 5, 6, 7, 8],
    );
  });

  it('drops an inline comment', () => {
    const { rules } = parseCodeowners(FILE, 'CODEOWNERS');
    assert.deepEqual(rules[1]?.owners, ['@js-owner']);
  });

  it('reads teams, users and emails', () => {
    const { rules } = parseCodeowners(FILE, 'CODEOWNERS');
    assert.deepEqual(rules[0]?.owners, ['@org/everyone']);
    assert.deepEqual(rules[2]?.owners, ['@doctocat', 'docs@example.com']);
  });

  it('keeps a rule without owners', () => {
    const { rules } = parseCodeowners(FILE, 'CODEOWNERS');
    assert.equal(rules[3]?.pattern, '/apps/github');
    assert.deepEqual(rules[3]?.owners, []);
  });

  it('reads an escaped # as a pattern', () => {
    const { rules } = parseCodeowners(FILE, 'CODEOWNERS');
    assert.equal(rules[4]?.pattern, '\\#notes.md');
    assert.deepEqual(rules[4]?.owners, ['@hash-owner']);
  });

  it('keeps escaped spaces in the pattern', () => {
    const { rules } = parseCodeowners(FILE, 'CODEOWNERS');
    assert.equal(rules[5]?.pattern, 'path\\ with\\ spaces/');
    assert.deepEqual(rules[5]?.owners, ['@space-owner']);
  });

  it('gives no warnings for a valid file', () => {
    const { warnings } = parseCodeowners(FILE, 'CODEOWNERS');
    assert.deepEqual(warnings, []);
  });

  it('reads CRLF line endings', () => {
    const { rules } = parseCodeowners('*.go @gopher\r\n*.rs @crab\r\n', 'CODEOWNERS');
    assert.deepEqual(rules[0]?.owners, ['@gopher']);
    assert.equal(rules[1]?.line, 2);
  });

  it('drops an invalid owner', () => {
    const { rules, warnings } = parseCodeowners('*.py @python not-an-owner', '.github/CODEOWNERS');
    assert.deepEqual(rules[0]?.owners, ['@python']);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]?.message ?? '', /not-an-owner/);
    assert.equal(warnings[0]?.location, '.github/CODEOWNERS:1');
  });

  it('skips a rule whose owners are all invalid', () => {
    const { rules, warnings } = parseCodeowners('*.py owner-without-at', 'CODEOWNERS');
    assert.deepEqual(rules, []);
    assert.match(warnings.at(-1)?.message ?? '', /skipped/);
  });

  it('skips a negated pattern', () => {
    const { rules, warnings } = parseCodeowners('!*.md @docs', 'CODEOWNERS');
    assert.deepEqual(rules, []);
    assert.match(warnings[0]?.message ?? '', /negated/);
  });

  it('skips a GitLab section header', () => {
    const { rules, warnings } = parseCodeowners('[Documentation] @docs\ndocs/ @docs', 'CODEOWNERS');
    assert.equal(rules.length, 1);
    assert.equal(warnings[0]?.location, 'CODEOWNERS:1');
  });

  it('warns on a bracket in a pattern', () => {
    const { rules, warnings } = parseCodeowners('src/[ab].ts @ts', 'CODEOWNERS');
    assert.equal(rules.length, 1);
    assert.match(warnings[0]?.message ?? '', /literally/);
  });

  it('accepts nested GitLab groups', () => {
    const { rules } = parseCodeowners('* @group/subgroup/team', 'CODEOWNERS');
    assert.deepEqual(rules[0]?.owners, ['@group/subgroup/team']);
  });

  it('skips a file over the size limit', () => {
    const text = `* @owner\n${'#'.repeat(MAX_CODEOWNERS_BYTES)}`;
    const { rules, warnings } = parseCodeowners(text, 'CODEOWNERS');
    assert.deepEqual(rules, []);
    assert.match(warnings[0]?.message ?? '', /not loaded/);
  });
});
