import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat, parseReport as parseAnyReport } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { prowlerFormat } from './prowler.parser.js';

interface OcsfFindingJson {
  metadata: { event_code: string; product: { version: string } };
  severity: string;
  severity_id: number;
  status: string;
  status_code: string;
  status_detail: string;
  finding_info: { uid: string; title: string };
  resources: Array<{ type: string; name: string; uid: string }>;
  remediation: { references: string[] };
  cloud: { provider: string; account: { uid: string } };
}

const FOLDER = 'prowler-ocsf-json';
const FINDINGS = 'prowler-4.5+_ocsf_3-findings.json';
const EMPTY = 'prowler_ocsf_empty.json';

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'gitleaks-7.4.0_defectdojo-repo.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-legacy-array_debian-10.8_93-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
  ['aws-securityhub-asff-json', 'asff_guardduty.json'],
];

function sampleFindings(file: string): OcsfFindingJson[] {
  return readSampleJson(FOLDER, file) as OcsfFindingJson[];
}

function findingAt(findings: OcsfFindingJson[], index: number): OcsfFindingJson {
  const finding = findings[index];
  assert.ok(finding !== undefined);
  return finding;
}

function parseSample(file: string) {
  return prowlerFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseReport(report: unknown) {
  return prowlerFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

describe('prowlerFormat.detect', () => {
  it(`detects ${FINDINGS}`, () => {
    assert.equal(prowlerFormat.detect(new ReportInput(readSample(FOLDER, FINDINGS))), true);
  });

  it(`registry picks prowler for ${FINDINGS}`, () => {
    assert.equal(detectFormat(new ReportInput(readSample(FOLDER, FINDINGS)))?.id, 'prowler');
  });

  it('leaves the empty array undetected', () => {
    assert.equal(prowlerFormat.detect(new ReportInput(readSample(FOLDER, EMPTY))), false);
  });

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(prowlerFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('prowlerFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every FAIL of ${file}`, () => {
      const parsed = parseSample(file);

      assert.equal(parsed.findings.length, sampleFindings(file).filter((finding) => finding.status_code === 'FAIL').length);
      assert.equal(parsed.complete, true);
      assert.deepEqual(parsed.warnings, []);
    });
  }

  it('reads the empty array with --tool', () => {
    assert.equal(parseAnyReport(readSample(FOLDER, EMPTY), { toolHint: 'prowler' }).findings.length, 0);
  });

  it('leaves PASS and MANUAL out', () => {
    const findings = sampleFindings(FINDINGS);
    findingAt(findings, 0).status_code = 'PASS';
    findingAt(findings, 1).status_code = 'MANUAL';
    assert.equal(parseReport(findings).findings.length, findings.length - 2);
  });
});

describe('prowlerFormat.parse fields', () => {
  const record = findingAt(sampleFindings(FINDINGS), 0);
  const finding = parseSample(FINDINGS).findings[0];

  it('reads check, title and uid', () => {
    assert.equal(finding?.ruleId, record.metadata.event_code);
    assert.equal(finding?.title, record.finding_info.title);
    assert.equal(finding?.fingerprint, record.finding_info.uid);
    assert.equal(finding?.category, 'iac');
    assert.equal(finding?.sourcePointer, '/0');
  });

  it('maps High to high', () => {
    assert.equal(record.severity, 'High');
    assert.equal(finding?.severity, 'high');
    assert.equal(finding?.toolSeverity, 'High');
  });

  it('falls back to severity_id', () => {
    const findings = sampleFindings(FINDINGS);
    Reflect.deleteProperty(findingAt(findings, 0), 'severity');
    findingAt(findings, 0).severity_id = 5;
    assert.equal(parseReport(findings).findings[0]?.severity, 'critical');
  });

  it('reads the cloud resource', () => {
    const resource = record.resources[0];
    assert.equal(finding?.location.resourceType, resource?.type);
    assert.equal(finding?.location.resourceName, resource?.uid);
    assert.equal(finding?.location.path, null);
  });

  it('puts the status detail in the description', () => {
    assert.ok(finding?.description?.startsWith(record.status_detail));
  });

  it('keeps remediation references', () => {
    assert.ok(finding?.references.includes(record.remediation.references[0] ?? ''));
  });

  it('reads the product version and account', () => {
    const parsed = parseSample(FINDINGS);
    assert.deepEqual(parsed.tool, { name: 'prowler', version: record.metadata.product.version });
    assert.equal(parsed.assetName, `${record.cloud.provider}:${record.cloud.account.uid}`);
  });

  it('reads Suppressed as suppressed', () => {
    const findings = sampleFindings(FINDINGS);
    const index = findings.findIndex((candidate) => candidate.status === 'Suppressed');
    assert.ok(index >= 0);
    assert.equal(parseSample(FINDINGS).findings[index]?.triage?.state, 'suppressed');
    assert.equal(finding?.triage, null);
  });
});

describe('prowlerFormat.parse problems', () => {
  it('skips a malformed finding with a warning', () => {
    const findings: unknown[] = sampleFindings(FINDINGS);
    findings[1] = { status_code: 'FAIL' };

    const parsed = parseReport(findings);

    assert.equal(parsed.findings.length, findings.length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/1'));
  });

  it('rejects an object', () => {
    assert.throws(() => parseReport({ findings: [] }), (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape');
  });
});
