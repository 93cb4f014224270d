import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError, redactSecrets, secretRef } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { gitlabSastFormat } from './gitlab-sast.parser.js';

interface IdentifierJson {
  type: string;
  name: string;
  value: string;
}

interface VulnerabilityJson {
  id?: string;
  cve?: string;
  name?: string;
  message?: string;
  description?: string;
  severity: string;
  confidence?: string;
  scanner?: { id: string; name: string };
  location: { file: string; start_line: number; end_line?: number };
  identifiers: IdentifierJson[];
  raw_source_code_extract?: string | string[];
}

interface GitlabReportJson {
  version: string;
  vulnerabilities: VulnerabilityJson[];
  scan?: { status: string; messages?: Array<{ level: string; value: string }> };
}

const FOLDER = 'gitlab-sast';
const MULTI = 'gl-sast_v2.3_multi-analyzer_467-vulns.json';
const ZERO = 'gl-sast_v2.3_zero.json';
const FIND_SEC_BUGS = 'gl-sast_v3.0.0_find-sec-bugs_cwe.json';
const NJSSCAN = 'gl-sast_v3.0.0_njsscan_confidence.json';
const SECRET = 'abcd1234SECRETvalue5678';

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'gitleaks-7.4.0_defectdojo-repo.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-legacy-array_debian-10.8_93-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
];

const OTHER_GITLAB_REPORTS: Array<[string, string]> = [
  ['gitlab-dependency-scanning', 'gl-dependency-scanning_v3.0.0_gemnasium_6-vulns.json'],
  ['gitlab-dependency-scanning', 'gl-dependency-scanning_v3.0.0_zero.json'],
  ['gitlab-container-scanning', 'gl-container-scanning_v15.0.7_trivy-dev_alpine-3.10.json'],
  ['gitlab-container-scanning', 'gl-container-scanning_v3.0.0_zero.json'],
];

function sampleReport(file: string): GitlabReportJson {
  return readSampleJson(FOLDER, file) as GitlabReportJson;
}

function vulnerabilityAt(report: GitlabReportJson, index: number): VulnerabilityJson {
  const vulnerability = report.vulnerabilities[index];
  assert.ok(vulnerability !== undefined);
  return vulnerability;
}

function indexOfScanner(report: GitlabReportJson, scannerId: string): number {
  const index = report.vulnerabilities.findIndex((vulnerability) => vulnerability.scanner?.id === scannerId);
  assert.ok(index >= 0, `no ${scannerId} vulnerability`);
  return index;
}

function parseSample(file: string) {
  return gitlabSastFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseReport(report: unknown) {
  return gitlabSastFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

/** Returns the multi-analyzer report with a raw secret in the extract and message of its Gitleaks vulnerability. */
function reportWithSecret(extract: string | string[], message = `PKCS8 key ${SECRET} found`): { report: GitlabReportJson; index: number } {
  const report = sampleReport(MULTI);
  const index = indexOfScanner(report, 'gitleaks');
  const vulnerability = vulnerabilityAt(report, index);
  vulnerability.raw_source_code_extract = extract;
  vulnerability.message = message;
  return { report, index };
}

describe('gitlabSastFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(gitlabSastFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks gitlab-sast for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'gitlab-sast');
    });
  }

  for (const [folder, file] of [...OTHER_FORMATS, ...OTHER_GITLAB_REPORTS]) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(gitlabSastFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('gitlabSastFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every vulnerability of ${file}`, () => {
      const parsed = parseSample(file);

      assert.equal(parsed.findings.length, sampleReport(file).vulnerabilities.length);
      assert.equal(parsed.complete, true);
      assert.deepEqual(parsed.warnings, []);
    });
  }

  it('reads the zero report', () => {
    assert.deepEqual(sampleReport(ZERO).vulnerabilities, []);
    assert.equal(parseSample(ZERO).findings.length, 0);
  });
});

describe('gitlabSastFormat.parse schema 2.3', () => {
  const report = sampleReport(MULTI);
  const findings = parseSample(MULTI).findings;

  it('reads a Bandit analyzer vulnerability', () => {
    const index = indexOfScanner(report, 'bandit');
    const vulnerability = vulnerabilityAt(report, index);
    const finding = findings[index];
    assert.equal(finding?.category, 'sast');
    assert.equal(finding?.ruleId, vulnerability.identifiers[0]?.value);
    assert.equal(finding?.location.path, vulnerability.location.file);
    assert.equal(finding?.location.startLine, vulnerability.location.start_line);
    assert.equal(finding?.sourcePointer, `/vulnerabilities/${index}`);
  });

  it('uses cve as fingerprint without id', () => {
    const index = indexOfScanner(report, 'bandit');
    const vulnerability = vulnerabilityAt(report, index);
    assert.equal(vulnerability.id, undefined);
    assert.equal(findings[index]?.fingerprint, vulnerability.cve);
    assert.deepEqual(findings[index]?.vulnerabilityIds, []);
  });

  it('keeps confidence out of severity', () => {
    const index = report.vulnerabilities.findIndex((vulnerability) => vulnerability.severity === 'Medium' && vulnerability.confidence === 'High');
    const finding = findings[index];
    assert.equal(finding?.severity, 'medium');
    assert.equal(finding?.toolSeverity, 'Medium');
    assert.ok(finding?.description?.includes('Confidence: High.'));
  });

  it('maps Unknown to unknown', () => {
    const index = indexOfScanner(report, 'eslint');
    assert.equal(vulnerabilityAt(report, index).severity, 'Unknown');
    assert.equal(findings[index]?.severity, 'unknown');
    assert.equal(findings[index]?.toolSeverity, 'Unknown');
  });

  it('maps Critical to critical', () => {
    const index = indexOfScanner(report, 'trufflehog');
    assert.equal(vulnerabilityAt(report, index).severity, 'Critical');
    assert.equal(findings[index]?.severity, 'critical');
  });

  it('reads TruffleHog and Gitleaks analyzers as secrets', () => {
    const secretScanners = new Set(['trufflehog', 'gitleaks']);
    report.vulnerabilities.forEach((vulnerability, index) => {
      assert.equal(findings[index]?.category, secretScanners.has(vulnerability.scanner?.id ?? '') ? 'secret' : 'sast', `vulnerability ${index}`);
    });
  });

  it('gives no secret without a raw extract', () => {
    const index = indexOfScanner(report, 'gitleaks');
    assert.equal(vulnerabilityAt(report, index).raw_source_code_extract, undefined);
    assert.equal(findings[index]?.secret, null);
  });
});

describe('gitlabSastFormat.parse schema 3.0', () => {
  it('reads a CWE identifier and the id', () => {
    const vulnerability = vulnerabilityAt(sampleReport(FIND_SEC_BUGS), 0);
    const finding = parseSample(FIND_SEC_BUGS).findings[0];
    assert.deepEqual(finding?.cwes, ['CWE-79']);
    assert.equal(finding?.fingerprint, vulnerability.id);
    assert.equal(finding?.ruleId, 'XSS_REQUEST_PARAMETER_TO_SERVLET_WRITER');
    assert.equal(finding?.title, vulnerability.name);
  });

  it('reads the njsscan rule name and CWE name', () => {
    const vulnerability = vulnerabilityAt(sampleReport(NJSSCAN), 0);
    const finding = parseSample(NJSSCAN).findings[0];
    assert.equal(vulnerability.identifiers[1]?.value, 'node_username');
    assert.equal(finding?.ruleId, vulnerability.identifiers[1]?.value);
    assert.deepEqual(finding?.cwes, [vulnerability.identifiers[1]?.name]);
  });

  it('puts every confidence word in the description only', () => {
    const report = sampleReport(NJSSCAN);
    const findings = parseSample(NJSSCAN).findings;
    report.vulnerabilities.forEach((vulnerability, index) => {
      assert.equal(findings[index]?.severity, vulnerability.severity.toLowerCase());
      if (vulnerability.confidence !== undefined) {
        assert.ok(findings[index]?.description?.includes(`Confidence: ${vulnerability.confidence}.`), `vulnerability ${index}`);
      }
    });
  });
});

describe('gitlabSastFormat.parse secrets', () => {
  it('hashes the raw extract', () => {
    const { report, index } = reportWithSecret(SECRET);

    const parsed = parseReport(report);

    assert.deepEqual(parsed.findings[index]?.secret, secretRef(SECRET));
    assert.deepEqual(parsed.secretValues, [SECRET]);
  });

  it('keeps the secret out of findings', () => {
    const { report } = reportWithSecret(SECRET);
    const parsed = parseReport(report);
    assert.equal(JSON.stringify(parsed.findings).includes(SECRET), false);
    assert.equal(JSON.stringify(parsed.warnings).includes(SECRET), false);
  });

  it('reads the redacted copy alike', () => {
    const { report } = reportWithSecret(SECRET);
    const text = JSON.stringify(report);
    const original = parseReport(report);

    const redacted = gitlabSastFormat.parse(new ReportInput(Buffer.from(redactSecrets(text, original.secretValues))));

    assert.deepEqual(redacted.findings, original.findings);
    assert.deepEqual(redacted.secretValues, []);
  });

  it('reads an extract of lines', () => {
    const { report, index } = reportWithSecret([`token = "${SECRET}"\n`], 'PKCS8 key');
    const parsed = parseReport(report);
    assert.deepEqual(parsed.findings[index]?.secret, secretRef(`token = "${SECRET}"`));
    assert.equal(redactSecrets(JSON.stringify(report), parsed.secretValues).includes(SECRET), false);
  });

  it('hashes the extract of a SAST finding as snippet', () => {
    const report = sampleReport(FIND_SEC_BUGS);
    vulnerabilityAt(report, 0).raw_source_code_extract = 'out.write(request.getParameter("x"));';

    const finding = parseReport(report).findings[0];

    assert.notEqual(finding?.location.snippetHash, null);
    assert.deepEqual(parseReport(report).secretValues, []);
  });
});

describe('gitlabSastFormat.parse problems', () => {
  it('skips a malformed vulnerability with a warning', () => {
    const report = sampleReport(MULTI);
    const total = report.vulnerabilities.length;
    (report.vulnerabilities as unknown[])[3] = 'not a vulnerability';

    const parsed = parseReport(report);

    assert.equal(parsed.findings.length, total - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/vulnerabilities/3'));
  });

  it('rejects a failed scan without vulnerabilities', () => {
    const report = { ...sampleReport(FIND_SEC_BUGS), vulnerabilities: [] } as GitlabReportJson;
    report.scan = { status: 'failure', messages: [{ level: 'fatal', value: 'analyzer crashed: out of memory' }] };
    assert.throws(
      () => parseReport(report),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'tool_error' && error.message.includes('out of memory'),
    );
  });

  it('marks a failed scan with vulnerabilities incomplete', () => {
    const report = sampleReport(FIND_SEC_BUGS);
    report.scan = { status: 'failure' };
    assert.equal(parseReport(report).complete, false);
  });

  it('rejects vulnerabilities that are not an array', () => {
    assert.throws(() => parseReport({ version: '3.0', vulnerabilities: {} }), (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape');
  });
});
