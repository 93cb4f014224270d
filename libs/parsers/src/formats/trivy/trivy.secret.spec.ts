import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecrets } from '@sieve/domain';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { trivyFormat } from './trivy.parser.js';

// Invented values in the shape of key lines; none is a real credential.
const KEY_LINES = ['SieveInventedKeyLineOne0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT', 'SieveInventedKeyLineTwo0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT', 'SieveInventedKeyEnd0aB1cD2eF3=='];
const TOKEN = 'sieve-invented-token-4f1c9a7e2b';

interface CodeLine {
  Number: number;
  Content: string;
  IsCause: boolean;
}

function reportText(secret: Record<string, unknown>): string {
  const report = { SchemaVersion: 2, ArtifactName: '.', ArtifactType: 'filesystem', Results: [{ Target: 'config/app.env', Class: 'secret', Secrets: [secret] }] };
  return JSON.stringify(report, null, 2);
}

function parseText(text: string): ParseResult {
  return trivyFormat.parse(new ReportInput(Buffer.from(text)));
}

function codeLines(lines: string[], firstNumber: number, causeNumbers: number[]): { Lines: CodeLine[] } {
  return { Lines: lines.map((content, offset) => ({ Number: firstNumber + offset, Content: content, IsCause: causeNumbers.includes(firstNumber + offset) })) };
}

// A private key whose body spans lines 2 to 4: Match is the first line of the body.
function keyOverLines(): Record<string, unknown> {
  const lines = ['-----BEGIN RSA PRIVATE KEY-----', ...KEY_LINES, '-----END RSA PRIVATE KEY-----'];
  return { RuleID: 'private-key', Severity: 'HIGH', Title: 'Asymmetric Private Key', StartLine: 2, EndLine: 4, Match: KEY_LINES[0], Code: codeLines(lines, 1, [2, 3, 4]) };
}

describe('trivyFormat.parse unmasked secrets', () => {
  it('collects every cause line of a key', () => {
    const result = parseText(reportText(keyOverLines()));

    for (const line of KEY_LINES) {
      assert.ok(result.secretValues.includes(line), `key line ${line.slice(0, 24)}… is not in secretValues`);
    }
  });

  it('redacts a key over lines', () => {
    const text = reportText(keyOverLines());
    const stored = redactSecrets(text, parseText(text).secretValues);

    for (const line of KEY_LINES) {
      assert.equal(stored.includes(line), false, `key line ${line.slice(0, 24)}… survives redaction`);
    }
  });

  it('reads the redacted key alike', () => {
    const text = reportText(keyOverLines());
    const original = parseText(text);
    const redacted = parseText(redactSecrets(text, original.secretValues));

    assert.deepEqual(redacted.findings, original.findings);
    assert.deepEqual(redacted.secretValues, []);
  });

  it('redacts key lines beside a masked match', () => {
    const text = reportText({ ...keyOverLines(), Match: '*****' + '*'.repeat(KEY_LINES[0]!.length) });
    const original = parseText(text);
    const stored = redactSecrets(text, original.secretValues);

    for (const line of KEY_LINES) {
      assert.equal(stored.includes(line), false, `key line ${line.slice(0, 24)}… survives redaction`);
    }
    assert.deepEqual(parseText(stored).findings, original.findings);
  });

  it('takes a comment asterisk for no mask', () => {
    const line = `API_TOKEN=${TOKEN} /* rotated yearly */`;
    const text = reportText({ RuleID: 'generic-token', Severity: 'HIGH', StartLine: 3, EndLine: 3, Match: line, Code: codeLines([line], 3, [3]) });
    const result = parseText(text);

    assert.deepEqual(result.secretValues, [line]);
    assert.equal(redactSecrets(text, result.secretValues).includes(TOKEN), false);
    assert.equal(result.findings[0]?.location.snippetHash, null);
  });

  it('keeps a masked match and its cause line', () => {
    const line = 'API_TOKEN=******************************';
    const result = parseText(reportText({ RuleID: 'generic-token', Severity: 'HIGH', StartLine: 3, EndLine: 3, Match: line, Code: codeLines([line], 3, [3]) }));

    assert.deepEqual(result.secretValues, []);
    assert.notEqual(result.findings[0]?.location.snippetHash, null);
  });

  it('keeps a cause line the masked match contains', () => {
    // A masked window over the end of a key: its armour line is a cause line but no secret.
    const match = '*****-----END RSA PRIVATE KEY-----';
    const lines = ['*****', '-----END RSA PRIVATE KEY-----'];
    const result = parseText(reportText({ RuleID: 'private-key', Severity: 'HIGH', StartLine: 2, EndLine: 3, Match: match, Code: codeLines(lines, 2, [2, 3]) }));

    assert.deepEqual(result.secretValues, []);
  });

  it('skips short cause lines', () => {
    const lines = [`KEY="${TOKEN}`, '"}'];
    const result = parseText(reportText({ RuleID: 'generic-token', Severity: 'HIGH', StartLine: 1, EndLine: 2, Match: lines[0], Code: codeLines(lines, 1, [1, 2]) }));

    assert.deepEqual(result.secretValues, [lines[0]]);
  });
});
