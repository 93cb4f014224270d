import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError, normalizeRepoPath, snippetHash } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { checkovFormat } from './checkov.parser.js';
import { terraformResourceType } from './checkov.resource.js';

interface CheckJson {
  check_id: string;
  check_name: string;
  file_path: string;
  repo_file_path?: string;
  file_line_range: number[];
  resource: string;
  guideline?: string;
  severity?: string | null;
  code_block: Array<[number, string]>;
}

interface FrameworkJson {
  check_type: string;
  results: { failed_checks: CheckJson[]; passed_checks: CheckJson[]; parsing_errors: string[] };
  summary: { failed: number; passed: number };
}

const FOLDER = 'checkov-json';
const MISMATCH = 'checkov-1.0.467_terraform_3-failed_summary-mismatch.json';
const ZERO = 'checkov-1.0.467_terraform_zero.json';
const MULTI = 'checkov-2.0.209_multi-framework-array.json';
const SEVERITY = 'checkov-2.2.34_terraform_severity.json';

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'gitleaks-7.4.0_defectdojo-repo.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-legacy-array_debian-10.8_93-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
];

function frameworks(file: string): FrameworkJson[] {
  const report = readSampleJson(FOLDER, file);
  return Array.isArray(report) ? (report as FrameworkJson[]) : [report as FrameworkJson];
}

function failedChecks(file: string): CheckJson[] {
  return frameworks(file).flatMap((framework) => framework.results.failed_checks);
}

function checkAt(checks: CheckJson[], index: number): CheckJson {
  const check = checks[index];
  assert.ok(check !== undefined);
  return check;
}

function parseSample(file: string) {
  return checkovFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseReport(report: unknown) {
  return checkovFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

describe('checkovFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(checkovFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks checkov for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'checkov');
    });
  }

  it('detects the bare summary', () => {
    const summary = { passed: 0, failed: 0, skipped: 0, parsing_errors: 0, resource_count: 0, checkov_version: '2.3.0' };
    assert.equal(checkovFormat.detect(new ReportInput(Buffer.from(JSON.stringify(summary)))), true);
  });

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(checkovFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('checkovFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every failed check of ${file}`, () => {
      const parsed = parseSample(file);

      assert.equal(parsed.findings.length, failedChecks(file).length);
      assert.equal(parsed.complete, true);
    });
  }

  it('leaves passed checks out', () => {
    const passed = frameworks(MULTI).reduce((sum, framework) => sum + framework.results.passed_checks.length, 0);
    assert.ok(passed > 0);
    assert.equal(parseSample(MULTI).findings.length, failedChecks(MULTI).length);
  });

  it('reads the zero report', () => {
    assert.equal(frameworks(ZERO)[0]?.summary.failed, 0);
    assert.deepEqual(parseSample(ZERO).findings, []);
    assert.deepEqual(parseSample(ZERO).warnings, []);
  });

  it('reads the bare summary as zero findings', () => {
    const summary = { passed: 0, failed: 0, skipped: 0, parsing_errors: 0, resource_count: 0, checkov_version: '2.3.0' };

    const parsed = parseReport(summary);

    assert.equal(parsed.findings.length, 0);
    assert.equal(parsed.tool.version, '2.3.0');
  });

  it('warns on the summary mismatch', () => {
    const framework = frameworks(MISMATCH)[0];
    assert.notEqual(framework?.summary.failed, framework?.results.failed_checks.length);

    const parsed = parseSample(MISMATCH);

    assert.equal(parsed.findings.length, framework?.results.failed_checks.length);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/summary/failed'));
  });

  it('keeps agreeing summaries silent', () => {
    assert.deepEqual(parseSample(MULTI).warnings, []);
  });
});

describe('checkovFormat.parse fields', () => {
  it('reads rule, resource and path', () => {
    const check = checkAt(failedChecks(MULTI), 0);
    const finding = parseSample(MULTI).findings[0];
    assert.equal(finding?.ruleId, check.check_id);
    assert.equal(finding?.title, check.check_name);
    assert.equal(finding?.category, 'iac');
    assert.equal(finding?.location.path, normalizeRepoPath(check.repo_file_path ?? ''));
    assert.equal(finding?.location.resourceName, check.resource);
    assert.equal(finding?.location.resourceType, check.resource.split('.')[0]);
    assert.equal(finding?.location.startLine, check.file_line_range[0]);
    assert.equal(finding?.location.endLine, check.file_line_range[1]);
    assert.equal(finding?.sourcePointer, '/0/results/failed_checks/0');
  });

  it('hashes the code block', () => {
    const check = checkAt(failedChecks(MULTI), 0);
    const text = check.code_block.map(([, line]) => line).join('');
    assert.equal(parseSample(MULTI).findings[0]?.location.snippetHash, snippetHash(text));
  });

  it('points into the second framework', () => {
    const terraform = frameworks(MULTI)[0]?.results.failed_checks.length ?? 0;
    const finding = parseSample(MULTI).findings[terraform];
    assert.equal(finding?.sourcePointer, '/1/results/failed_checks/0');
    assert.equal(finding?.ruleId, frameworks(MULTI)[1]?.results.failed_checks[0]?.check_id);
  });

  it('reads a whole-file check without lines', () => {
    const dockerfile = frameworks(MULTI)[1]?.results.failed_checks[0];
    assert.deepEqual(dockerfile?.file_line_range, [0, 0]);
    const finding = parseSample(MULTI).findings.find((candidate) => candidate.sourcePointer === '/1/results/failed_checks/0');
    assert.equal(finding?.location.startLine, null);
    assert.equal(finding?.location.resourceType, null);
  });

  it('leaves null severity unknown', () => {
    assert.equal(checkAt(failedChecks(MULTI), 0).severity ?? null, null);
    assert.equal(parseSample(MULTI).findings[0]?.severity, 'unknown');
  });

  it('leaves an explicit null severity unknown', () => {
    const framework = frameworks(SEVERITY)[0];
    assert.ok(framework !== undefined);
    checkAt(framework.results.failed_checks, 0).severity = null;

    const finding = parseReport(framework).findings[0];

    assert.equal(finding?.severity, 'unknown');
    assert.equal(finding?.toolSeverity, null);
  });

  it('maps MEDIUM to medium', () => {
    const check = checkAt(failedChecks(SEVERITY), 0);
    const finding = parseSample(SEVERITY).findings[0];
    assert.equal(check.severity, 'MEDIUM');
    assert.equal(finding?.severity, 'medium');
    assert.equal(finding?.toolSeverity, 'MEDIUM');
    assert.deepEqual(finding?.references, [check.guideline]);
  });

  it('reads file_path in Checkov 1', () => {
    const check = checkAt(failedChecks(MISMATCH), 0);
    assert.equal(parseSample(MISMATCH).findings[0]?.location.path, check.file_path);
  });

  it('maps the secrets framework to secret', () => {
    const report = frameworks(SEVERITY);
    const framework = report[0];
    assert.ok(framework !== undefined);
    framework.check_type = 'secrets';
    assert.equal(parseReport(framework).findings[0]?.category, 'secret');
  });
});

describe('terraformResourceType', () => {
  const cases: Array<[string, string | null]> = [
    ['aws_s3_bucket.logs', 'aws_s3_bucket'],
    ['module.vpc.aws_subnet.private[0]', 'aws_subnet'],
    ['data.aws_iam_policy_document.assume', 'aws_iam_policy_document'],
    ['aws_s3_bucket.b["a.b"]', 'aws_s3_bucket'],
    ['/aws/resources/Dockerfile.', null],
  ];
  for (const [address, expected] of cases) {
    it(`reads ${address}`, () => {
      assert.equal(terraformResourceType('terraform', address), expected);
    });
  }

  it('ignores other frameworks', () => {
    assert.equal(terraformResourceType('kubernetes', 'Deployment.default.web'), null);
  });
});

describe('checkovFormat.parse problems', () => {
  it('skips a malformed check with a warning', () => {
    const report = frameworks(MULTI);
    const checks = report[0]?.results.failed_checks;
    assert.ok(checks !== undefined);
    Reflect.deleteProperty(checkAt(checks, 3), 'check_id');

    const parsed = parseReport(report);

    assert.equal(parsed.findings.length, failedChecks(MULTI).length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/0/results/failed_checks/3'));
  });

  it('marks parsing errors incomplete', () => {
    const framework = frameworks(ZERO)[0];
    assert.ok(framework !== undefined);
    framework.results.parsing_errors = ['/src/broken.tf'];

    const parsed = parseReport(framework);

    assert.equal(parsed.complete, false);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/results/parsing_errors/0'));
  });

  it('rejects an object without results', () => {
    assert.throws(() => parseReport({ check_type: 'terraform' }), (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape');
  });
});
