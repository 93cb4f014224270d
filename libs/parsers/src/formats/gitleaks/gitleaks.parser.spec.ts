import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError, normalizeRepoPath, redactSecrets, secretRef } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { ReportInput } from '../../report-input.js';
import { gitleaksFormat } from './gitleaks.parser.js';

interface LeakJson {
  RuleID?: string;
  Secret?: string;
  File?: string;
  StartLine?: number;
  EndLine?: number;
  Commit?: string;
  Fingerprint?: string;
  rule?: string;
  offender?: string;
  file?: string;
  lineNumber?: number;
  commit?: string;
}

const FOLDER = 'gitleaks-json';
const V7 = 'gitleaks-7.5_legacy-schema_8-leaks.json';
const V8 = 'gitleaks-8_4-leaks.json';
const V8_SIMPLE = 'gitleaks-8_simple.json';
const EMPTY = 'gitleaks-8_empty.json';
const LITERAL_NULL = 'gitleaks_no-findings_literal-null.json';

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'gitleaks-7.4.0_defectdojo-repo.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-legacy-array_debian-10.8_93-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['github-code-scanning-alerts', 'gh-code-scanning-rest_codeql_2-alerts.json'],
];

function sampleLeaks(file: string): LeakJson[] {
  return (readSampleJson(FOLDER, file) as LeakJson[] | null) ?? [];
}

function parseSample(file: string) {
  return gitleaksFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseReport(report: unknown) {
  return gitleaksFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function firstLeak(leaks: LeakJson[]): LeakJson {
  const leak = leaks[0];
  assert.ok(leak !== undefined);
  return leak;
}

describe('gitleaksFormat.detect', () => {
  for (const file of [V7, V8, V8_SIMPLE]) {
    it(`detects ${file}`, () => {
      assert.equal(gitleaksFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });
  }

  for (const file of [EMPTY, LITERAL_NULL]) {
    it(`leaves ${file} undetected`, () => {
      assert.equal(gitleaksFormat.detect(new ReportInput(readSample(FOLDER, file))), false);
    });
  }

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(gitleaksFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('gitleaksFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every leak of ${file}`, () => {
      const parsed = parseSample(file);

      assert.equal(parsed.findings.length, sampleLeaks(file).length);
      assert.equal(parsed.complete, true);
    });
  }

  it('reads literal null as no leaks', () => {
    assert.equal(readSampleJson(FOLDER, LITERAL_NULL), null);
    assert.deepEqual(parseSample(LITERAL_NULL).findings, []);
  });
});

describe('gitleaksFormat.parse Gitleaks 8', () => {
  const leak = firstLeak(sampleLeaks(V8));
  const finding = parseSample(V8).findings[0];

  it('reads rule and location', () => {
    assert.equal(finding?.ruleId, leak.RuleID);
    assert.equal(finding?.category, 'secret');
    assert.equal(finding?.location.path, normalizeRepoPath(leak.File ?? ''));
    assert.equal(finding?.location.startLine, leak.StartLine);
    assert.equal(finding?.location.endLine, leak.EndLine);
    assert.equal(finding?.sourcePointer, '/0');
  });

  it('hashes the secret', () => {
    assert.deepEqual(finding?.secret, secretRef(leak.Secret ?? ''));
  });

  it('leaves severity unknown', () => {
    assert.equal(finding?.severity, 'unknown');
    assert.equal(finding?.toolSeverity, null);
  });

  it('keeps the commit out of title and fingerprint', () => {
    const commit = leak.Commit ?? '';
    assert.notEqual(commit, '');
    assert.equal(finding?.title.includes(commit), false);
    assert.equal(finding?.fingerprint, null);
  });

  it('reads a non-empty Fingerprint', () => {
    const leaks = sampleLeaks(V8);
    firstLeak(leaks).Fingerprint = `${leak.Commit}:${leak.File}:${leak.RuleID}:${leak.StartLine}`;
    assert.equal(parseReport(leaks).findings[0]?.fingerprint, firstLeak(leaks).Fingerprint);
  });

  it('ignores an empty Fingerprint', () => {
    assert.equal(firstLeak(sampleLeaks(V8_SIMPLE)).Fingerprint, '');
    assert.equal(parseSample(V8_SIMPLE).findings[0]?.fingerprint, null);
  });

  it('keeps no secret for REDACTED', () => {
    const leaks = sampleLeaks(V8);
    firstLeak(leaks).Secret = 'REDACTED';
    assert.equal(parseReport(leaks).findings[0]?.secret, null);
  });
});

describe('gitleaksFormat.parse Gitleaks 7', () => {
  const leak = firstLeak(sampleLeaks(V7));
  const finding = parseSample(V7).findings[0];

  it('reads rule and location', () => {
    assert.equal(finding?.ruleId, leak.rule);
    assert.equal(finding?.location.path, leak.file);
    assert.equal(finding?.location.startLine, leak.lineNumber);
  });

  it('hashes the offender', () => {
    assert.deepEqual(finding?.secret, secretRef(leak.offender ?? ''));
  });
});

describe('gitleaksFormat.parse secrets', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`keeps no secret of ${file}`, () => {
      const secrets = sampleLeaks(file).map((leak) => leak.Secret ?? leak.offender ?? '');
      const parsed = parseSample(file);
      const output = JSON.stringify(parsed.findings) + JSON.stringify(parsed.warnings);
      for (const secret of secrets) {
        assert.equal(output.includes(secret), false, `secret of ${secret.length} characters found in the output`);
        assert.ok(parsed.secretValues.includes(secret));
      }
    });
  }

  for (const file of [V7, V8, V8_SIMPLE]) {
    it(`reads the redacted copy of ${file} alike`, () => {
      const original = parseSample(file);
      const redacted = gitleaksFormat.parse(new ReportInput(Buffer.from(redactSecrets(readSample(FOLDER, file).toString('utf8'), original.secretValues))));
      assert.deepEqual(redacted.findings, original.findings);
      assert.deepEqual(redacted.secretValues, []);
    });
  }
});

describe('gitleaksFormat.parse problems', () => {
  it('skips a malformed leak with a warning', () => {
    const leaks: unknown[] = sampleLeaks(V8);
    leaks[2] = 'not a leak';

    const parsed = parseReport(leaks);

    assert.equal(parsed.findings.length, leaks.length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/2'));
  });

  it('rejects an object', () => {
    assert.throws(() => parseReport({ leaks: [] }), (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape');
  });
});
