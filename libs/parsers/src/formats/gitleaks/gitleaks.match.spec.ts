import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecrets } from '@sieve/domain';
import { readSample } from '@sieve/testing';
import { ReportInput } from '../../report-input.js';
import { gitleaksFormat } from './gitleaks.parser.js';

// Gitleaks' own test report: its Match ("line containing secret") does not contain its Secret ("a secret").
const SIMPLE = 'gitleaks-8_simple.json';

function parse(text: string) {
  return gitleaksFormat.parse(new ReportInput(Buffer.from(text)));
}

describe('gitleaksFormat.parse match without the secret', () => {
  const text = readSample('gitleaks-json', SIMPLE).toString('utf8');
  const leak = (JSON.parse(text) as Array<{ Secret: string; Match: string }>)[0]!;

  it('redacts the match whole', () => {
    const parsed = parse(text);
    assert.equal(leak.Match.includes(leak.Secret), false);
    assert.ok(parsed.secretValues.includes(leak.Match));
    assert.ok(parsed.secretValues.includes(leak.Secret));
  });

  it('leaves the match out of the stored copy', () => {
    const stored = redactSecrets(text, parse(text).secretValues);
    assert.equal(stored.includes(leak.Match), false);
    assert.equal(stored.includes(leak.Secret), false);
  });

  it('gives no snippet hash', () => {
    assert.equal(parse(text).findings[0]?.location.snippetHash, null);
  });

  it('keeps the snippet hash of a match around the secret', () => {
    const leaks = [{ RuleID: 'generic-api-key', Secret: 'dfjksdjfs3294dfjlsdaf213', Match: 'apikey = "dfjksdjfs3294dfjlsdaf213"', File: 'api.py', StartLine: 3 }];
    const parsed = parse(JSON.stringify(leaks));
    assert.notEqual(parsed.findings[0]?.location.snippetHash, null);
    assert.deepEqual(parsed.secretValues, ['dfjksdjfs3294dfjlsdaf213']);
  });

  it('redacts a match that comes without a secret', () => {
    const leaks = [{ RuleID: 'private-key', Match: '-----BEGIN PRIVATE KEY-----', File: 'key.pem', StartLine: 1 }];
    assert.deepEqual(parse(JSON.stringify(leaks)).secretValues, ['-----BEGIN PRIVATE KEY-----']);
  });
});
