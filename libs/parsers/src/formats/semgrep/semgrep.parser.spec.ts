import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError, snippetHash } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { ReportInput } from '../../report-input.js';
import { semgrepFormat } from './semgrep.parser.js';

interface SemgrepResultJson {
  check_id: string;
  path: string;
  start: { line: number };
  end: { line: number };
  extra: {
    severity: string;
    fingerprint?: string;
    lines?: string;
    is_ignored?: boolean;
    metadata?: { cwe?: string | string[] };
  };
}

interface SemgrepReportJson {
  results: SemgrepResultJson[];
  errors: unknown[];
  [key: string]: unknown;
}

const FOLDER = 'semgrep-json';
const GO = 'semgrep-1.30.0_go_5-findings.json';
const DATAFLOW = 'semgrep-1.97.0_one-finding_dataflow-trace.json';
const LEGACY = 'semgrep-legacy_48-findings_no-version.json';
const EMPTY = 'semgrep_empty.json';

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'semgrep-oss-1.69.0_juice-shop_77-results.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-dev_image_alpine-3.10_schema2_4-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
  ['bandit-json', 'bandit_no-issues.json'],
  ['bandit-json', 'bandit_1-issue.json'],
  ['tfsec-json', 'tfsec_no-findings.json'],
];

function sampleReport(file: string): SemgrepReportJson {
  return readSampleJson(FOLDER, file) as SemgrepReportJson;
}

function parseSample(file: string) {
  return semgrepFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseReport(report: unknown) {
  return semgrepFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function firstResult(report: SemgrepReportJson): SemgrepResultJson {
  const result = report.results[0];
  assert.ok(result !== undefined);
  return result;
}

describe('semgrepFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(semgrepFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });
  }

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(semgrepFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('semgrepFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every result of ${file}`, () => {
      const parsed = parseSample(file);

      assert.equal(parsed.findings.length, sampleReport(file).results.length);
      assert.equal(parsed.complete, true);
    });
  }

  it('reads the empty report', () => {
    assert.deepEqual(sampleReport(EMPTY), { results: [], errors: [] });
    assert.equal(parseSample(EMPTY).findings.length, 0);
  });
});

describe('semgrepFormat.parse fields', () => {
  it('maps ERROR to high', () => {
    const result = firstResult(sampleReport(DATAFLOW));
    const finding = parseSample(DATAFLOW).findings[0];
    assert.equal(result.extra.severity, 'ERROR');
    assert.equal(finding?.severity, 'high');
    assert.equal(finding?.toolSeverity, 'ERROR');
  });

  it('maps WARNING to medium', () => {
    const result = firstResult(sampleReport(GO));
    assert.equal(result.extra.severity, 'WARNING');
    assert.equal(parseSample(GO).findings[0]?.severity, 'medium');
  });

  it('maps INFO to low', () => {
    const report = sampleReport(GO);
    firstResult(report).extra.severity = 'INFO';
    assert.equal(parseReport(report).findings[0]?.severity, 'low');
  });

  it('leaves an unknown word unknown', () => {
    const report = sampleReport(GO);
    firstResult(report).extra.severity = '__proto__';

    const finding = parseReport(report).findings[0];

    assert.equal(finding?.severity, 'unknown');
    assert.equal(finding?.toolSeverity, '__proto__');
  });

  it('reads the rule, location and snippet', () => {
    const result = firstResult(sampleReport(GO));
    const finding = parseSample(GO).findings[0];
    assert.equal(finding?.ruleId, result.check_id);
    assert.equal(finding?.category, 'sast');
    assert.equal(finding?.location.path, result.path);
    assert.equal(finding?.location.startLine, result.start.line);
    assert.equal(finding?.location.endLine, result.end.line);
    assert.equal(finding?.location.snippetHash, snippetHash(result.extra.lines));
    assert.equal(finding?.sourcePointer, '/results/0');
  });

  it('reads the fingerprint', () => {
    const result = firstResult(sampleReport(GO));
    assert.equal(parseSample(GO).findings[0]?.fingerprint, result.extra.fingerprint);
  });

  it('drops the login placeholder', () => {
    const report = sampleReport(GO);
    firstResult(report).extra.fingerprint = 'requires login';
    firstResult(report).extra.lines = 'requires login';

    const finding = parseReport(report).findings[0];

    assert.equal(finding?.fingerprint, null);
    assert.equal(finding?.location.snippetHash, null);
  });

  it('reads a CWE array', () => {
    const cwe = firstResult(sampleReport(GO)).extra.metadata?.cwe;
    assert.ok(Array.isArray(cwe));
    assert.deepEqual(parseSample(GO).findings[0]?.cwes, cwe.map((entry) => /^CWE-\d+/.exec(entry)?.[0]));
  });

  it('reads a CWE string', () => {
    const report = sampleReport(LEGACY);
    const index = report.results.findIndex((result) => typeof result.extra.metadata?.cwe === 'string');
    const cwe = report.results[index]?.extra.metadata?.cwe;
    assert.equal(typeof cwe, 'string');
    assert.deepEqual(parseSample(LEGACY).findings[index]?.cwes, [/^CWE-\d+/.exec(String(cwe))?.[0]]);
  });

  it('names the version as tool version', () => {
    assert.deepEqual(parseSample(GO).tool, { name: 'semgrep', version: sampleReport(GO)['version'] });
    assert.equal(parseSample(LEGACY).tool.version, null);
  });

  it('reads an ignored result as suppressed', () => {
    const report = sampleReport(GO);
    firstResult(report).extra.is_ignored = true;
    assert.equal(parseReport(report).findings[0]?.triage?.state, 'suppressed');
  });
});

describe('semgrepFormat.parse problems', () => {
  it('skips a malformed result with a warning', () => {
    const report = sampleReport(LEGACY);
    const total = report.results.length;
    Reflect.deleteProperty(report.results[7] ?? {}, 'check_id');

    const parsed = parseReport(report);

    assert.equal(parsed.findings.length, total - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/results/7'));
  });

  it('rejects fatal errors without results', () => {
    const report = { ...sampleReport(EMPTY), errors: [{ level: 'error', type: 'InvalidRuleSchemaError', message: 'invalid rule' }] };
    assert.throws(() => parseReport(report), (error: unknown) => error instanceof ReportRejectedError && error.code === 'tool_error');
  });

  it('marks fatal errors beside results incomplete', () => {
    const report = { ...sampleReport(GO), errors: [{ level: 'error', type: 'Timeout', message: 'rule timed out' }] };

    const parsed = parseReport(report);

    assert.equal(parsed.complete, false);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/errors/0'));
  });

  it('keeps warn-level errors complete', () => {
    const report = { ...sampleReport(GO), errors: [{ level: 'warn', type: 'Syntax error', message: 'could not parse x.go' }] };
    assert.equal(parseReport(report).complete, true);
  });

  it('rejects a results object', () => {
    assert.throws(() => parseReport({ results: {} }), (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape');
  });
});
