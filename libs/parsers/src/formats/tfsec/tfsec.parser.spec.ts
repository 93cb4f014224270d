import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError, normalizeRepoPath } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { tfsecFormat } from './tfsec.parser.js';

interface TfsecResultJson {
  rule_id: string;
  legacy_rule_id?: string;
  rule_description: string;
  description: string;
  severity: string;
  status?: string;
  passed?: boolean;
  links?: string[];
  link?: string;
  location: { filename: string; start_line: number; end_line: number };
}

interface TfsecReportJson {
  results: TfsecResultJson[] | null;
}

const FOLDER = 'tfsec-json';
const CURRENT = 'tfsec_current_many.json';
const LEGACY = 'tfsec_legacy_1-finding.json';
const NONE = 'tfsec_no-findings.json';

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

function sampleReport(file: string): TfsecReportJson {
  return readSampleJson(FOLDER, file) as TfsecReportJson;
}

function sampleResults(file: string): TfsecResultJson[] {
  return sampleReport(file).results ?? [];
}

function resultAt(results: TfsecResultJson[], index: number): TfsecResultJson {
  const result = results[index];
  assert.ok(result !== undefined);
  return result;
}

function parseSample(file: string) {
  return tfsecFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseReport(report: unknown) {
  return tfsecFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

describe('tfsecFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(tfsecFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks tfsec for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'tfsec');
    });
  }

  it('leaves null results beside other keys undetected', () => {
    assert.equal(tfsecFormat.detect(new ReportInput(Buffer.from('{"results": null, "errors": []}'))), false);
  });

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(tfsecFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('tfsecFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every failed result of ${file}`, () => {
      const parsed = parseSample(file);
      const failed = sampleResults(file).filter((result) => result.status !== 'passed' && result.passed !== true);

      assert.equal(parsed.findings.length, failed.length);
      assert.equal(parsed.complete, true);
      assert.deepEqual(parsed.warnings, []);
    });
  }

  it('reads null results as zero findings', () => {
    assert.equal(sampleReport(NONE).results, null);
    assert.equal(parseSample(NONE).findings.length, 0);
  });

  it('leaves passed results out', () => {
    const results = sampleResults(CURRENT);
    resultAt(results, 0).status = 'passed';
    assert.equal(parseReport({ results }).findings.length, results.length - 1);
  });
});

describe('tfsecFormat.parse current', () => {
  const result = resultAt(sampleResults(CURRENT), 0);
  const finding = parseSample(CURRENT).findings[0];

  it('reads rule and location', () => {
    assert.equal(finding?.ruleId, result.rule_id);
    assert.equal(finding?.title, result.rule_description);
    assert.equal(finding?.category, 'iac');
    assert.equal(finding?.location.path, normalizeRepoPath(result.location.filename));
    assert.equal(finding?.location.startLine, result.location.start_line);
    assert.equal(finding?.location.endLine, result.location.end_line);
    assert.equal(finding?.sourcePointer, '/results/0');
  });

  it('maps CRITICAL to critical', () => {
    assert.equal(result.severity, 'CRITICAL');
    assert.equal(finding?.severity, 'critical');
  });

  it('keeps the legacy rule id in the description', () => {
    assert.ok(result.legacy_rule_id !== undefined);
    assert.ok(finding?.description?.includes(result.legacy_rule_id));
  });

  it('reads the resource from the description', () => {
    assert.ok(result.description.startsWith("Resource 'module.SUBNETS:aws_network_acl_rule.public_inbound[0]'"));
    assert.equal(finding?.location.resourceName, 'module.SUBNETS:aws_network_acl_rule.public_inbound[0]');
    assert.equal(finding?.location.resourceType, 'aws_network_acl_rule');
  });

  it('prefers the resource field', () => {
    const results = sampleResults(CURRENT);
    (resultAt(results, 0) as TfsecResultJson & { resource: string }).resource = 'aws_s3_bucket.logs';
    assert.equal(parseReport({ results }).findings[0]?.location.resourceName, 'aws_s3_bucket.logs');
  });

  it('keeps links as references', () => {
    assert.deepEqual(finding?.references, result.links);
  });

  it('reads an ignored result as suppressed', () => {
    const results = sampleResults(CURRENT);
    resultAt(results, 0).status = 'ignored';
    assert.equal(parseReport({ results }).findings[0]?.triage?.state, 'suppressed');
  });
});

describe('tfsecFormat.parse legacy', () => {
  const result = resultAt(sampleResults(LEGACY), 0);
  const finding = parseSample(LEGACY).findings[0];

  it('maps WARNING to medium', () => {
    assert.equal(result.severity, 'WARNING');
    assert.equal(finding?.severity, 'medium');
    assert.equal(finding?.toolSeverity, 'WARNING');
  });

  it('reads the URL of the link sentence', () => {
    assert.equal(result.link, 'See https://tfsec.dev/docs/general/GEN003/ for more information.');
    assert.deepEqual(finding?.references, ['https://tfsec.dev/docs/general/GEN003/']);
  });

  it('reads rule and block', () => {
    assert.equal(finding?.ruleId, result.rule_id);
    assert.equal(finding?.location.resourceName, 'keycloak_oidc_identity_provider.google');
  });

  it('leaves passed true out', () => {
    const results = sampleResults(LEGACY);
    resultAt(results, 0).passed = true;
    assert.equal(parseReport({ results }).findings.length, 0);
  });
});

describe('tfsecFormat.parse problems', () => {
  it('skips a malformed result with a warning', () => {
    const results: unknown[] = sampleResults(CURRENT);
    results[4] = { description: 'no rule id' };

    const parsed = parseReport({ results });

    assert.equal(parsed.findings.length, results.length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/results/4'));
  });

  it('rejects a results object', () => {
    assert.throws(() => parseReport({ results: {} }), (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape');
  });
});
