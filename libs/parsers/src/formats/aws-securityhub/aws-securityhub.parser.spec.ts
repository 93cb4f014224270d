import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { awsSecurityhubFormat } from './aws-securityhub.parser.js';

interface PackageJson {
  Name: string;
  Version: string;
  Epoch?: string;
  Release?: string;
  PackageManager: string;
  FilePath?: string;
  FixedInVersion?: string;
  SourceLayerHash?: string;
}

interface AsffFindingJson {
  Id: string;
  Title: string;
  Types: string[];
  RecordState: string;
  Severity: { Label: string };
  Compliance?: { Status: string; SecurityControlId?: string };
  Workflow?: { Status: string };
  Resources: Array<{ Type: string; Id: string; Details: { AwsEcrContainerImage?: { ImageDigest: string; RepositoryName: string } } }>;
  Vulnerabilities?: Array<{ Id: string; VulnerablePackages: PackageJson[]; Cvss: Array<{ BaseVector: string }> }>;
}

interface AsffReportJson {
  Findings: AsffFindingJson[];
  NextToken?: string;
}

const FOLDER = 'aws-securityhub-asff-json';
const GUARDDUTY = 'asff_guardduty.json';
const EC2 = 'asff_inspector-ec2_no-vulnerabilities.json';
const ECR = 'asff_inspector-ecr.json';

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'gitleaks-7.4.0_defectdojo-repo.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-legacy-array_debian-10.8_93-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
  ['prowler-ocsf-json', 'prowler-4.5+_ocsf_3-findings.json'],
];

function sampleReport(file: string): AsffReportJson {
  return readSampleJson(FOLDER, file) as AsffReportJson;
}

function findingAt(report: AsffReportJson, index: number): AsffFindingJson {
  const finding = report.Findings[index];
  assert.ok(finding !== undefined);
  return finding;
}

/**
 * Findings expected from one ASFF record: one per vulnerability and distinct
 * package (Inspector lists a package once per file, and its POETRY and
 * PYTHONPKG entries are the same PyPI package), else one.
 */
function expectedCount(finding: AsffFindingJson): number {
  const vulnerabilities = finding.Vulnerabilities ?? [];
  if (vulnerabilities.length === 0) {
    return 1;
  }
  return vulnerabilities.reduce((sum, vulnerability) => {
    const packages = new Set(vulnerability.VulnerablePackages.map((entry) => `${entry.Name} ${entry.Epoch ?? ''} ${entry.Version} ${entry.Release ?? ''}`));
    return sum + packages.size;
  }, 0);
}

function parseSample(file: string) {
  return awsSecurityhubFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseReport(report: unknown) {
  return awsSecurityhubFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

describe('awsSecurityhubFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(awsSecurityhubFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks aws-securityhub for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'aws-securityhub');
    });
  }

  it('detects a bare array of findings', () => {
    assert.equal(awsSecurityhubFormat.detect(new ReportInput(Buffer.from(JSON.stringify(sampleReport(GUARDDUTY).Findings)))), true);
  });

  it('detects an empty Findings envelope', () => {
    assert.equal(awsSecurityhubFormat.detect(new ReportInput(Buffer.from('{"Findings": []}'))), true);
  });

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(awsSecurityhubFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('awsSecurityhubFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every finding and package of ${file}`, () => {
      const parsed = parseSample(file);

      assert.equal(parsed.findings.length, sampleReport(file).Findings.reduce((sum, finding) => sum + expectedCount(finding), 0));
      assert.equal(parsed.complete, true);
    });
  }

  it('leaves archived findings out', () => {
    const report = sampleReport(GUARDDUTY);
    findingAt(report, 0).RecordState = 'ARCHIVED';
    assert.equal(parseReport(report).findings.length, report.Findings.length - 1);
  });

  it('leaves resolved findings out', () => {
    const report = sampleReport(GUARDDUTY);
    findingAt(report, 1).Workflow = { Status: 'RESOLVED' };
    assert.equal(parseReport(report).findings.length, report.Findings.length - 1);
  });

  it('marks a page with NextToken incomplete', () => {
    const report = { ...sampleReport(GUARDDUTY), NextToken: 'eyJ0b2tlbiI6IDJ9' };

    const parsed = parseReport(report);

    assert.equal(parsed.complete, false);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/NextToken'));
  });
});

describe('awsSecurityhubFormat.parse Inspector ECR', () => {
  const report = sampleReport(ECR);
  const record = findingAt(report, 0);
  const vulnerability = record.Vulnerabilities?.[0];
  const entry = vulnerability?.VulnerablePackages[0];
  const finding = parseSample(ECR).findings[0];

  it('reads an OS package as a deb purl', () => {
    assert.equal(entry?.PackageManager, 'OS');
    assert.equal(finding?.package?.purl, `pkg:deb/debian/${entry?.Name}@${entry?.Version}-${entry?.Release}?distro=debian-11`);
    assert.equal(finding?.package?.version, `${entry?.Version}-${entry?.Release}`);
  });

  it('reads the fixed version without epoch 0', () => {
    assert.equal(entry?.FixedInVersion, '0:1.1.1n-0+deb11u5');
    assert.deepEqual(finding?.package?.fixedVersions, ['1.1.1n-0+deb11u5']);
  });

  it('reads a container finding of the image', () => {
    const image = record.Resources[0]?.Details.AwsEcrContainerImage;
    assert.equal(finding?.category, 'container');
    assert.equal(finding?.location.image, `123456789012.dkr.ecr.eu-central-1.amazonaws.com/${image?.RepositoryName}`);
    assert.equal(finding?.location.imageDigest, image?.ImageDigest);
    assert.equal(finding?.location.layer, entry?.SourceLayerHash);
  });

  it('reads id, severity and CVSS', () => {
    assert.deepEqual(finding?.vulnerabilityIds, [vulnerability?.Id]);
    assert.equal(finding?.ruleId, vulnerability?.Id);
    assert.equal(record.Severity.Label, 'MEDIUM');
    assert.equal(finding?.severity, 'medium');
    assert.deepEqual(
      finding?.cvss.map((cvss) => cvss.vector),
      [vulnerability?.Cvss[0]?.BaseVector],
    );
    assert.equal(finding?.sourcePointer, '/Findings/0/Vulnerabilities/0/VulnerablePackages/0');
  });

  it('reads language packages', () => {
    const purls = parseSample(ECR).findings.map((candidate) => candidate.package?.purl);
    assert.ok(purls.includes('pkg:npm/semver@7.5.1'));
    assert.ok(purls.includes('pkg:maven/org.apache.kafka/kafka-clients@3.1.2'));
    assert.ok(purls.includes('pkg:golang/golang.org/x/text@0.3.3'));
    assert.ok(purls.includes('pkg:pypi/certifi@2022.12.7'));
    assert.ok(purls.includes('pkg:gem/tzinfo@1.2.9'));
  });

  it('reads the file path of a package', () => {
    const semver = parseSample(ECR).findings.find((candidate) => candidate.package?.name === 'semver');
    assert.equal(semver?.location.path, 'usr/local/lib/node_modules/npm/node_modules/semver/package.json');
  });

  it('gives each package finding its own fingerprint', () => {
    const fingerprints = parseSample(ECR).findings.map((candidate) => candidate.fingerprint);
    assert.equal(new Set(fingerprints).size, fingerprints.length);
  });
});

describe('awsSecurityhubFormat.parse Inspector EC2', () => {
  it('reads the CVE of the title without Vulnerabilities', () => {
    const record = findingAt(sampleReport(EC2), 0);
    const parsed = parseSample(EC2);
    assert.deepEqual(record.Vulnerabilities, []);
    assert.deepEqual(parsed.findings[0]?.vulnerabilityIds, [record.Title.split(' ')[0]]);
    assert.equal(parsed.findings[0]?.category, 'sca');
    assert.equal(parsed.findings[0]?.severity, 'critical');
    assert.ok(parsed.warnings.some((warning) => warning.location === '/Findings/0'));
  });
});

describe('awsSecurityhubFormat.parse GuardDuty', () => {
  const report = sampleReport(GUARDDUTY);
  const record = findingAt(report, 0);
  const finding = parseSample(GUARDDUTY).findings[0];

  it('reads a threat as runtime', () => {
    assert.equal(finding?.category, 'runtime');
    assert.equal(finding?.ruleId, record.Types[0]?.split('/').at(-1));
    assert.equal(finding?.title, record.Title);
    assert.equal(finding?.package, null);
  });

  it('reads the resource', () => {
    assert.equal(finding?.location.resourceType, record.Resources[0]?.Type);
    assert.equal(finding?.location.resourceName, record.Resources[0]?.Id);
  });

  it('uses the finding Id as fingerprint', () => {
    assert.equal(finding?.fingerprint, record.Id);
  });

  it('maps the severity label', () => {
    const findings = parseSample(GUARDDUTY).findings;
    report.Findings.forEach((candidate, index) => {
      assert.equal(findings[index]?.severity, candidate.Severity.Label.toLowerCase());
      assert.equal(findings[index]?.toolSeverity, candidate.Severity.Label);
    });
  });

  it('names the account as asset', () => {
    assert.equal(parseSample(GUARDDUTY).assetName, 'aws:123456789012');
  });

  it('reads SUPPRESSED as suppressed', () => {
    const changed = sampleReport(GUARDDUTY);
    findingAt(changed, 0).Workflow = { Status: 'SUPPRESSED' };
    assert.equal(parseReport(changed).findings[0]?.triage?.state, 'suppressed');
  });
});

describe('awsSecurityhubFormat.parse controls', () => {
  it('reads a failed control as iac', () => {
    const report = sampleReport(GUARDDUTY);
    const record = findingAt(report, 0);
    record.Types = ['Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices'];
    record.Compliance = { Status: 'FAILED', SecurityControlId: 'EC2.8' };

    const finding = parseReport(report).findings[0];

    assert.equal(finding?.category, 'iac');
    assert.equal(finding?.ruleId, 'EC2.8');
  });

  it('leaves a passed control out', () => {
    const report = sampleReport(GUARDDUTY);
    findingAt(report, 0).Compliance = { Status: 'PASSED' };
    assert.equal(parseReport(report).findings.length, report.Findings.length - 1);
  });
});

describe('awsSecurityhubFormat.parse problems', () => {
  it('skips a malformed finding with a warning', () => {
    const report = sampleReport(GUARDDUTY);
    Reflect.deleteProperty(findingAt(report, 1), 'Id');

    const parsed = parseReport(report);

    assert.equal(parsed.findings.length, report.Findings.length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/Findings/1'));
  });

  it('keeps a vulnerability whose package lacks a name', () => {
    const report = sampleReport(ECR);
    const entry = findingAt(report, 6).Vulnerabilities?.[0]?.VulnerablePackages[0];
    assert.ok(entry !== undefined);
    Reflect.deleteProperty(entry, 'Name');

    const parsed = parseReport(report);

    assert.ok(parsed.warnings.some((warning) => warning.location === '/Findings/6/Vulnerabilities/0/VulnerablePackages/0'));
    assert.equal(parsed.findings.length, parseSample(ECR).findings.length);
  });

  it('rejects Findings that are not an array', () => {
    assert.throws(() => parseReport({ Findings: {} }), (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape');
  });
});
