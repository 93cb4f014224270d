import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ReportRejectedError, snippetHash } from '@sieve/domain';
import { REPO_ROOT, readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { banditFormat } from './bandit.parser.js';

interface BanditResultJson {
  code: string;
  filename: string;
  issue_severity: string;
  issue_confidence: string;
  issue_text: string;
  issue_cwe?: { id: number; link: string };
  line_number: number;
  line_range: number[];
  more_info: string;
  test_id: string;
}

interface BanditReportJson {
  errors: unknown[];
  results: BanditResultJson[];
  [key: string]: unknown;
}

const FOLDER = 'bandit-json';
const ONE = 'bandit_1-issue.json';
const MANY = 'bandit_defectdojo-2020-12-30_214-issues.json';
const NONE = 'bandit_no-issues.json';
const ESTATE_REPORT = join(REPO_ROOT, 'examples/estate/reporting-jobs/bandit.json');

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'gitleaks-7.4.0_defectdojo-repo.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-legacy-array_debian-10.8_93-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['semgrep-json', 'semgrep_empty.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
];

function sampleReport(file: string): BanditReportJson {
  return readSampleJson(FOLDER, file) as BanditReportJson;
}

function parseSample(file: string) {
  return banditFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseReport(report: unknown) {
  return banditFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function resultAt(report: BanditReportJson, index: number): BanditResultJson {
  const result = report.results[index];
  assert.ok(result !== undefined);
  return result;
}

describe('banditFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(banditFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks bandit for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'bandit');
    });
  }

  it('registry picks bandit for the estate report', () => {
    assert.equal(detectFormat(new ReportInput(readFileSync(ESTATE_REPORT)))?.id, 'bandit');
  });

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(banditFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('banditFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every result of ${file}`, () => {
      const parsed = parseSample(file);

      assert.equal(parsed.findings.length, sampleReport(file).results.length);
      assert.equal(parsed.complete, true);
      assert.deepEqual(parsed.warnings, []);
    });
  }

  it('reads zero results with metrics', () => {
    const report = sampleReport(NONE);
    assert.equal(report.results.length, 0);
    assert.equal(typeof report['metrics'], 'object');
    assert.equal(parseSample(NONE).findings.length, 0);
  });

  it('reads the Bandit 1.6.2 estate report', () => {
    const report = JSON.parse(readFileSync(ESTATE_REPORT, 'utf8')) as BanditReportJson;
    const parsed = banditFormat.parse(new ReportInput(readFileSync(ESTATE_REPORT)));

    assert.equal(parsed.findings.length, report.results.length);
    report.results.forEach((result, index) => {
      assert.equal(parsed.findings[index]?.ruleId, result.test_id);
      assert.equal(parsed.findings[index]?.severity, result.issue_severity.toLowerCase());
    });
  });
});

describe('banditFormat.parse fields', () => {
  const result = resultAt(sampleReport(ONE), 0);
  const finding = parseSample(ONE).findings[0];

  it('maps LOW to low', () => {
    assert.equal(result.issue_severity, 'LOW');
    assert.equal(finding?.severity, 'low');
    assert.equal(finding?.toolSeverity, 'LOW');
  });

  it('reads rule and location', () => {
    assert.equal(finding?.ruleId, result.test_id);
    assert.equal(finding?.category, 'sast');
    assert.equal(finding?.title, result.issue_text);
    assert.equal(finding?.location.path, result.filename);
    assert.equal(finding?.location.startLine, result.line_number);
    assert.equal(finding?.location.endLine, result.line_range.at(-1));
    assert.equal(finding?.sourcePointer, '/results/0');
  });

  it('puts confidence in the description', () => {
    assert.ok(finding?.description?.includes(`Confidence: ${result.issue_confidence}.`));
  });

  it('hashes the flagged line without its number', () => {
    assert.equal(result.code, '1 import os\n2 assert False\n');
    assert.equal(finding?.location.snippetHash, snippetHash('assert False'));
  });

  it('keeps a snippet hash across a line shift', () => {
    const report = sampleReport(ONE);
    resultAt(report, 0).code = '7 import os\n8 assert False\n';
    resultAt(report, 0).line_number = 8;
    resultAt(report, 0).line_range = [8];
    assert.equal(parseReport(report).findings[0]?.location.snippetHash, finding?.location.snippetHash);
  });

  it('has no CWE before Bandit 1.7.1', () => {
    assert.equal(result.issue_cwe, undefined);
    assert.deepEqual(finding?.cwes, []);
  });

  it('reads issue_cwe', () => {
    const report = sampleReport(ONE);
    resultAt(report, 0).issue_cwe = { id: 703, link: 'https://cwe.mitre.org/data/definitions/703.html' };

    const mapped = parseReport(report).findings[0];

    assert.deepEqual(mapped?.cwes, ['CWE-703']);
    assert.ok(mapped?.references.includes('https://cwe.mitre.org/data/definitions/703.html'));
  });

  it('keeps more_info as reference', () => {
    assert.deepEqual(finding?.references, [result.more_info]);
  });

  it('normalises back-slash file names', () => {
    const report = sampleReport(MANY);
    const index = report.results.findIndex((candidate) => candidate.filename.includes('\\'));
    assert.ok(index >= 0);
    const filename = resultAt(report, index).filename;
    assert.equal(parseSample(MANY).findings[index]?.location.path, filename.replace(/\\/g, '/'));
  });

  it('maps MEDIUM to medium', () => {
    const report = sampleReport(MANY);
    const index = report.results.findIndex((candidate) => candidate.issue_severity === 'MEDIUM');
    assert.equal(parseSample(MANY).findings[index]?.severity, 'medium');
  });

  it('leaves UNDEFINED unknown', () => {
    const report = sampleReport(ONE);
    resultAt(report, 0).issue_severity = 'UNDEFINED';
    assert.equal(parseReport(report).findings[0]?.severity, 'unknown');
  });
});

describe('banditFormat.parse problems', () => {
  it('skips a malformed result with a warning', () => {
    const report = sampleReport(MANY);
    const total = report.results.length;
    Reflect.deleteProperty(resultAt(report, 5), 'test_id');

    const parsed = parseReport(report);

    assert.equal(parsed.findings.length, total - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/results/5'));
  });

  it('warns when metrics totals disagree', () => {
    const report = sampleReport(MANY);
    report.results.pop();

    const parsed = parseReport(report);

    assert.equal(parsed.findings.length, report.results.length);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/metrics/_totals'));
  });

  it('marks file errors incomplete', () => {
    const report = sampleReport(ONE);
    report.errors = [{ filename: 'one/two.py', reason: 'syntax error while parsing AST from file' }];

    const parsed = parseReport(report);

    assert.equal(parsed.complete, false);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/errors/0' && warning.message.includes('one/two.py')));
  });

  it('rejects an array', () => {
    assert.throws(() => parseReport([]), (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape');
  });
});
