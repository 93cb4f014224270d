import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { redactSecrets, ReportRejectedError, secretRef } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { trivyFormat } from './trivy.parser.js';

type Json = Record<string, unknown>;

const FOLDER = 'trivy-json';
const ALPINE = 'trivy-dev_image_alpine-3.10_schema2_4-vulns.json';
const NPM_REPO = 'trivy-dev_repo_npm-lockfile_schema2.json';
const LEGACY = 'trivy-legacy-array_debian-10.8_93-vulns.json';
const FS_MIXED = 'trivy_fs_vulns-misconfig-secrets_schema2.json';
const JUICE_SHOP = 'trivy_image_juice-shop-v12.10.2_os-node-secrets.json';
const NO_VULNS = 'trivy_image_no-vulns_schema2.json';

const OTHER_FORMAT_FOLDERS = ['sarif', 'cyclonedx-json', 'grype-json', 'semgrep-json', 'npm-audit-json', 'gitleaks-json'];

function parseSample(file: string): ParseResult {
  return trivyFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseJson(report: unknown): ParseResult {
  return trivyFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

/** Counts the findings from the report's own structure: every vulnerability and secret, and the misconfigurations that failed. */
function expectedCount(report: unknown): number {
  const results = Array.isArray(report) ? list(report) : list((report as Json)['Results']);
  let count = 0;
  for (const result of results) {
    count += list(result['Vulnerabilities']).length;
    count += list(result['Secrets']).length;
    count += list(result['Misconfigurations']).filter((entry) => entry['Status'] === undefined || entry['Status'] === 'FAIL').length;
  }
  return count;
}

function findingAt(result: ParseResult, sourcePointer: string): ParsedFinding {
  const finding = result.findings.find((candidate) => candidate.sourcePointer === sourcePointer);
  assert.ok(finding, `no finding at ${sourcePointer}`);
  return finding;
}

describe('trivyFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(trivyFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });
  }

  for (const folder of OTHER_FORMAT_FOLDERS) {
    for (const file of sampleFiles(folder)) {
      it(`ignores ${folder}/${file}`, () => {
        assert.equal(trivyFormat.detect(new ReportInput(readSample(folder, file))), false);
      });
    }
  }

  it('ignores non-JSON text', () => {
    assert.equal(trivyFormat.detect(new ReportInput(Buffer.from('Target: debian'))), false);
  });
});

describe('trivyFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`reads every finding of ${file}`, () => {
      const result = parseSample(file);
      assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, file)));
      assert.deepEqual(result.warnings, []);
      assert.equal(result.complete, true);
    });
  }
});

describe('trivyFormat.parse image scan', () => {
  const result = parseSample(ALPINE);
  const finding = findingAt(result, '/Results/0/Vulnerabilities/0');

  it('maps the vulnerability', () => {
    assert.deepEqual(finding.vulnerabilityIds, ['CVE-2019-1549']);
    assert.equal(finding.severity, 'medium');
    assert.equal(finding.toolSeverity, 'MEDIUM');
    assert.equal(finding.category, 'container');
    assert.deepEqual(finding.cwes, ['CWE-330']);
    assert.equal(finding.fingerprint, 'sha256:6843bc8bcd09d2629416906fb83f17f31dde9a2702183571f9d447c3185814ca');
  });

  it('keeps the report purl', () => {
    assert.equal(finding.package?.purl, 'pkg:apk/alpine/libcrypto1.1@1.1.1c-r0?arch=x86_64&distro=3.10.2');
    assert.equal(finding.package?.ecosystem, 'apk');
    assert.equal(finding.package?.version, '1.1.1c-r0');
    assert.deepEqual(finding.package?.fixedVersions, ['1.1.1d-r0']);
  });

  it('reads every CVSS source', () => {
    const vectors = finding.cvss.map((cvss) => `${cvss.source} ${cvss.vector}`);
    assert.ok(vectors.includes('nvd CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N'));
    assert.ok(vectors.includes('nvd AV:N/AC:L/Au:N/C:P/I:N/A:N'));
    assert.ok(vectors.includes('redhat CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N'));
    assert.equal(finding.cvss.length, 3);
  });

  it('names the image from RepoTags for an archive', () => {
    assert.equal(result.assetName, 'ghcr.io/aquasecurity/trivy-test-images');
    assert.equal(finding.location.image, 'ghcr.io/aquasecurity/trivy-test-images');
    assert.equal(finding.location.imageDigest, 'sha256:961769676411f082461f9ef46626dd7a2d1e2b2a38e6a44364bcbecf51e66dd4');
    assert.equal(finding.location.layer, 'sha256:03901b4a2ea88eeaad62dbe59b072b28b6efa00491962b8741081c5df50c65e0');
  });

  it('reads the tool version', () => {
    assert.deepEqual(result.tool, { name: 'trivy', version: 'dev' });
  });
});

describe('trivyFormat.parse juice-shop image', () => {
  const result = parseSample(JUICE_SHOP);

  it('names the image without tag', () => {
    assert.equal(result.assetName, 'bkimminich/juice-shop');
  });

  it('splits FixedVersion lists', () => {
    const finding = findingAt(result, '/Results/1/Vulnerabilities/0');
    assert.equal(finding.package?.purl, 'pkg:npm/ansi-regex@3.0.0');
    assert.deepEqual(finding.package?.fixedVersions, ['6.0.1', '5.0.1', '4.1.1', '3.0.1']);
  });

  it('puts node packages of an image in container', () => {
    const finding = findingAt(result, '/Results/1/Vulnerabilities/0');
    assert.equal(finding.category, 'container');
    assert.equal(finding.location.path, 'juice-shop/node_modules/wide-align/node_modules/ansi-regex/package.json');
    assert.equal(finding.location.imageDigest, 'sha256:33238f8c6291415c499265629b1b82ef791f5a33dff09f25c07264204a26f89b');
  });

  it('reads masked secrets', () => {
    const finding = findingAt(result, '/Results/2/Secrets/0');
    assert.equal(finding.category, 'secret');
    assert.equal(finding.ruleId, 'private-key');
    assert.equal(finding.severity, 'high');
    assert.equal(finding.location.path, 'juice-shop/build/lib/insecurity.js');
    assert.equal(finding.location.startLine, 18);
    assert.equal(result.secretValues.length, 0);
  });
});

describe('trivyFormat.parse repository scan', () => {
  const result = parseSample(NPM_REPO);
  const finding = findingAt(result, '/Results/0/Vulnerabilities/0');

  it('maps the lock file finding to sca', () => {
    assert.equal(finding.category, 'sca');
    assert.equal(finding.location.path, 'package-lock.json');
    assert.equal(finding.location.image, null);
  });

  it('adds the GHSA alias from References', () => {
    assert.deepEqual(finding.vulnerabilityIds, ['CVE-2019-11358', 'GHSA-6c3j-c64m-qhgq']);
  });

  it('names the repository', () => {
    assert.equal(result.assetName, 'testdata/fixtures/repo/npm');
  });
});

describe('trivyFormat.parse legacy array', () => {
  const result = parseSample(LEGACY);

  it('builds a deb purl with the distro', () => {
    const finding = result.findings.find((candidate) => candidate.package?.name === 'libc6' && candidate.vulnerabilityIds[0] === 'CVE-2019-25013');
    assert.ok(finding);
    assert.equal(finding.package?.purl, 'pkg:deb/debian/libc6@2.28-10?distro=debian-10.8');
    assert.equal(finding.category, 'container');
    assert.equal(finding.severity, 'medium');
    assert.equal(finding.location.layer, 'sha256:7f03bfe4d6dc12155877f0d2e8b3429090bad1af7b005f75b7b3a874f386fd5a');
  });

  it('has no asset name', () => {
    assert.equal(result.assetName, null);
  });

  it('points into the array', () => {
    assert.equal(result.findings[0]?.sourcePointer, '/0/Vulnerabilities/0');
    assert.equal(result.findings[0]?.vulnerabilityIds[0], 'CVE-2011-3374');
  });

  it('builds a pypi purl for a language result', () => {
    const report = readSampleJson(FOLDER, LEGACY) as Json[];
    report.push({ Target: 'app/requirements.txt', Type: 'pip', Vulnerabilities: [{ VulnerabilityID: 'CVE-2021-33503', PkgName: 'URLLib3', InstalledVersion: '1.26.3', Severity: 'HIGH' }] });
    const finding = findingAt(parseJson(report), '/1/Vulnerabilities/0');
    assert.equal(finding.package?.purl, 'pkg:pypi/urllib3@1.26.3');
    assert.equal(finding.category, 'sca');
    assert.equal(finding.location.path, 'app/requirements.txt');
  });
});

describe('trivyFormat.parse filesystem scan', () => {
  const result = parseSample(FS_MIXED);

  it('maps a failed misconfiguration', () => {
    const finding = findingAt(result, '/Results/1/Misconfigurations/0');
    assert.equal(finding.category, 'iac');
    assert.equal(finding.ruleId, 'DS002');
    assert.equal(finding.severity, 'high');
    assert.equal(finding.location.path, 'Dockerfile');
    assert.equal(finding.location.resourceType, 'Dockerfile');
  });

  it('maps a masked secret', () => {
    const finding = findingAt(result, '/Results/3/Secrets/0');
    assert.equal(finding.location.path, 'secret.txt');
    assert.equal(finding.location.startLine, 1);
    assert.equal(finding.severity, 'critical');
    assert.equal(finding.secret?.sha256, secretRef('GITHUB_PAT=*****').sha256);
  });

  it('has no asset name for "."', () => {
    assert.equal(result.assetName, null);
  });

  it('skips passed misconfigurations', () => {
    const report = readSampleJson(FOLDER, FS_MIXED) as Json;
    const misconfiguration = list(list(report['Results'])[1]?.['Misconfigurations'])[0];
    assert.ok(misconfiguration);
    misconfiguration['Status'] = 'PASS';
    assert.equal(parseJson(report).findings.length, result.findings.length - 1);
  });
});

describe('trivyFormat.parse secrets', () => {
  it('hashes and reports an unmasked match', () => {
    const value = 'GITHUB_PAT=ghp_0123456789abcdefghijklmnopqrstuvwxyz';
    const report = readSampleJson(FOLDER, FS_MIXED) as Json;
    const secret = list(list(report['Results'])[3]?.['Secrets'])[0];
    assert.ok(secret);
    secret['Match'] = value;

    const result = parseJson(report);
    const finding = findingAt(result, '/Results/3/Secrets/0');
    assert.deepEqual(result.secretValues, [value]);
    assert.equal(finding.secret?.sha256, secretRef(value).sha256);
    assert.equal(JSON.stringify(finding).includes('ghp_0123456789'), false);
  });

  it('reads the redacted copy alike', () => {
    const value = 'GITHUB_PAT=ghp_0123456789abcdefghijklmnopqrstuvwxyz';
    const report = readSampleJson(FOLDER, FS_MIXED) as Json;
    const secret = list(list(report['Results'])[3]?.['Secrets'])[0];
    assert.ok(secret);
    secret['Match'] = value;
    const text = JSON.stringify(report);

    const original = trivyFormat.parse(new ReportInput(Buffer.from(text)));
    const redacted = trivyFormat.parse(new ReportInput(Buffer.from(redactSecrets(text, original.secretValues))));
    assert.deepEqual(redacted.secretValues, []);
    assert.deepEqual(redacted.findings, original.findings);
  });
});

describe('trivyFormat.parse malformed records', () => {
  it('skips a vulnerability that is not an object', () => {
    const report = readSampleJson(FOLDER, ALPINE) as Json;
    const vulnerabilities = list(list(report['Results'])[0]?.['Vulnerabilities']);
    vulnerabilities[1] = 'oops' as unknown as Json;

    const result = parseJson(report);
    assert.equal(result.findings.length, 3);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/Results/0/Vulnerabilities/1']);
  });

  it('skips a vulnerability without VulnerabilityID', () => {
    const report = readSampleJson(FOLDER, LEGACY) as Json[];
    const vulnerability = list(report[0]?.['Vulnerabilities'])[5];
    assert.ok(vulnerability);
    delete vulnerability['VulnerabilityID'];

    const result = parseJson(report);
    assert.equal(result.findings.length, 92);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/0/Vulnerabilities/5']);
  });

  it('keeps a finding whose CVSS vector is invalid', () => {
    const report = readSampleJson(FOLDER, ALPINE) as Json;
    const vulnerability = list(list(report['Results'])[0]?.['Vulnerabilities'])[0];
    assert.ok(vulnerability);
    vulnerability['CVSS'] = { nvd: { V3Vector: 'CVSS:3.1/AV:X' } };

    const result = parseJson(report);
    assert.equal(result.findings.length, 4);
    assert.deepEqual(result.findings[0]?.cvss, []);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/Results/0/Vulnerabilities/0/CVSS/nvd/V3Vector']);
  });

  it('ignores __proto__ keys', () => {
    const text = readSample(FOLDER, NO_VULNS).toString('utf8').replace('"SchemaVersion": 2,', '"SchemaVersion": 2, "__proto__": {"polluted": true},');
    const result = trivyFormat.parse(new ReportInput(Buffer.from(text)));
    assert.equal(result.findings.length, 0);
    assert.equal(({} as Json)['polluted'], undefined);
  });
});

describe('trivyFormat.parse rejections', () => {
  it('rejects Results that is not an array', () => {
    assert.throws(() => parseJson({ SchemaVersion: 2, Results: {} }), ReportRejectedError);
  });

  it('rejects a JSON string', () => {
    assert.throws(() => parseJson('trivy'), ReportRejectedError);
  });
});
