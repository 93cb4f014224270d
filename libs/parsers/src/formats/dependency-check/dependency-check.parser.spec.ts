import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { dependencyCheckFormat } from './dependency-check.parser.js';

const FOLDER = 'dependency-check-xml';
const EMPTY = 'dependency-check-6.5.3_empty.xml';
const SCHEMA_25 = 'dependency-check-6.5.3_schema-2.5_1-vuln.xml';
const SCHEMA_13 = 'dependency-check_schema-1.3_7-vulns_2-suppressed.xml';

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'dependency-check-6.1.2_defectdojo-venv.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-dev_image_alpine-3.10_schema2_4-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
  ['nessus', 'nessus-was_no-vulns.xml'],
  ['openvas', 'openvas_no-results.xml'],
];

function sampleText(file: string): string {
  return readSample(FOLDER, file).toString('utf8');
}

function parseText(text: string) {
  return dependencyCheckFormat.parse(new ReportInput(Buffer.from(text)));
}

/** Opening tags of <vulnerability> and <suppressedVulnerability> (not <vulnerabilityIds> or <vulnerabilities>). */
function vulnerabilityTags(text: string): string[] {
  return text.match(/<(?:vulnerability|suppressedVulnerability)[\s>]/g) ?? [];
}

function findingNamed(text: string, name: string) {
  const finding = parseText(text).findings.find((candidate) => candidate.ruleId === name);
  assert.ok(finding !== undefined, `no finding named ${name}`);
  return finding;
}

describe('dependencyCheckFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(dependencyCheckFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks dependency-check for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'dependency-check');
    });
  }

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(dependencyCheckFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('dependencyCheckFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every vulnerability of ${file}`, () => {
      const parsed = parseText(sampleText(file));
      assert.equal(parsed.findings.length, vulnerabilityTags(sampleText(file)).length);
      assert.equal(parsed.complete, true);
    });
  }

  it('reads the empty report', () => {
    assert.equal(parseText(sampleText(EMPTY)).findings.length, 0);
  });

  it('counts suppressed vulnerabilities', () => {
    const suppressed = sampleText(SCHEMA_13).match(/<suppressedVulnerability[\s>]/g) ?? [];
    const findings = parseText(sampleText(SCHEMA_13)).findings.filter((finding) => finding.triage?.state === 'suppressed');
    assert.equal(suppressed.length, 2);
    assert.equal(findings.length, suppressed.length);
  });
});

describe('dependencyCheckFormat.parse schema 2.5', () => {
  it('maps LOW to low', () => {
    const finding = findingNamed(sampleText(SCHEMA_25), 'CVE-2020-9488');
    assert.match(sampleText(SCHEMA_25), /<name>CVE-2020-9488<\/name>\s*<severity>LOW<\/severity>/);
    assert.equal(finding.severity, 'low');
    assert.equal(finding.toolSeverity, 'LOW');
  });

  it('reads id, package and path', () => {
    const finding = findingNamed(sampleText(SCHEMA_25), 'CVE-2020-9488');
    assert.equal(finding.category, 'sca');
    assert.deepEqual(finding.vulnerabilityIds, ['CVE-2020-9488']);
    assert.equal(finding.package?.purl, 'pkg:maven/org.apache.logging.log4j/log4j-api@2.12.4');
    assert.equal(finding.package?.version, '2.12.4');
    assert.equal(finding.location.path, 'home/user/vulnerabilities/apache-log4j-2.12.4-bin/log4j-api-2.12.4.jar');
    assert.deepEqual(finding.cwes, ['CWE-295']);
  });

  it('builds vectors from CVSS metrics', () => {
    const cvss = findingNamed(sampleText(SCHEMA_25), 'CVE-2020-9488').cvss;
    assert.deepEqual(
      cvss.map((entry) => [entry.vector, entry.baseScore, entry.source]),
      [
        ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N', 3.7, 'nvd'],
        ['AV:N/AC:M/Au:N/C:P/I:N/A:N', 4.3, 'nvd'],
      ],
    );
  });

  it('lists the package as component', () => {
    assert.deepEqual(
      parseText(sampleText(SCHEMA_25)).components.map((component) => component.purl),
      ['pkg:maven/org.apache.logging.log4j/log4j-api@2.12.4'],
    );
  });

  it('names engine version', () => {
    assert.deepEqual(parseText(sampleText(SCHEMA_25)).tool, { name: 'dependency-check', version: '6.5.3' });
  });
});

describe('dependencyCheckFormat.parse schema 1.3', () => {
  it('reads a suppressed vulnerability', () => {
    const finding = findingNamed(sampleText(SCHEMA_13), 'CVE-2017-1000487');
    assert.equal(finding.triage?.state, 'suppressed');
    assert.equal(finding.triage?.detail, 'This is our reason for not to upgrade it.');
  });

  it('derives severity from CVSS without a severity element', () => {
    const finding = findingNamed(sampleText(SCHEMA_13), 'CVE-2019-7238');
    assert.equal(finding.toolSeverity, null);
    assert.equal(finding.severity, 'critical');
  });

  it('builds a v2 vector from flat metrics', () => {
    const finding = findingNamed(sampleText(SCHEMA_13), 'CVE-0000-0001');
    assert.deepEqual(
      finding.cvss.map((entry) => [entry.vector, entry.baseScore]),
      [['AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5]],
    );
    assert.equal(finding.severity, 'high');
  });

  it('drops placeholder CWEs', () => {
    assert.match(sampleText(SCHEMA_13), /<cwe>CWE-00 Bad Vulnerability<\/cwe>/);
    assert.deepEqual(findingNamed(sampleText(SCHEMA_13), 'CVE-0000-0001').cwes, []);
  });

  it('reads an OSS Index v3 block without version', () => {
    const finding = findingNamed(sampleText(SCHEMA_13), 'CVE-2020-7608');
    assert.deepEqual(
      finding.cvss.map((entry) => [entry.vector, entry.baseScore, entry.source]),
      [['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', 7.5, 'ossindex']],
    );
  });

  it('keeps an npm advisory number as rule only', () => {
    const finding = findingNamed(sampleText(SCHEMA_13), '1500');
    assert.deepEqual(finding.vulnerabilityIds, []);
    assert.equal(finding.severity, 'low');
    assert.equal(finding.package?.purl, 'pkg:npm/yargs-parser@5.0.0');
  });

  it('reads a weakness entry without id', () => {
    const finding = parseText(sampleText(SCHEMA_13)).findings.find((candidate) => candidate.ruleId?.startsWith('CWE-400'));
    assert.deepEqual(finding?.vulnerabilityIds, []);
    assert.deepEqual(finding?.cwes, ['CWE-400']);
  });

  it('cuts the package suffix off virtual paths', () => {
    const finding = findingNamed(sampleText(SCHEMA_13), '1500');
    assert.equal(finding.location.path, 'var/lib/jenkins/workspace/nl-selfservice_-_metrics_develop/package-lock.json');
  });

  it('falls back to a Maven identifier', () => {
    const text = sampleText(SCHEMA_13).replaceAll(/<package confidence="HIGH">[\s\S]*?<\/package>/g, '');
    const finding = parseText(text).findings[0];
    assert.equal(finding?.package?.purl, 'pkg:maven/xalan/serializer@2.7.1');
  });

  it('names the project as asset', () => {
    assert.equal(parseText(sampleText(SCHEMA_13)).assetName, 'Test Project');
  });
});

describe('dependencyCheckFormat.parse problems', () => {
  it('skips a vulnerability without name', () => {
    const text = sampleText(SCHEMA_13).replace('<name>CVE-2020-7608</name>', '');

    const parsed = parseText(text);

    assert.equal(parsed.findings.length, vulnerabilityTags(sampleText(SCHEMA_13)).length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/analysis/dependencies[1]/dependency[3]/vulnerabilities[1]/vulnerability[2]'));
  });

  it('warns about incomplete CVSS metrics', () => {
    const text = sampleText(SCHEMA_25).replace('<attackVector>NETWORK</attackVector>', '<attackVector>SPACE</attackVector>');
    const parsed = parseText(text);
    assert.equal(parsed.findings[0]?.cvss.length, 1);
    assert.ok(parsed.warnings.some((warning) => warning.location?.endsWith('/vulnerability[1]/cvssV3[1]')));
  });

  it('rejects a DTD', () => {
    const text = sampleText(EMPTY).replace('<?xml version="1.0" ?>', '<?xml version="1.0" ?>\n<!DOCTYPE analysis [<!ENTITY a "b">]>');
    assert.throws(
      () => parseText(text),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'xml_dtd_rejected' && error.location === 'line 2',
    );
  });
});
