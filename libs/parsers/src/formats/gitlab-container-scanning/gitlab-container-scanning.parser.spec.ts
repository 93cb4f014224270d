import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { gitlabContainerScanningFormat } from './gitlab-container-scanning.parser.js';

type Json = Record<string, unknown>;

const FOLDER = 'gitlab-container-scanning';
const ALPINE = 'gl-container-scanning_v15.0.7_trivy-dev_alpine-3.10.json';
const DEBIAN = 'gl-container-scanning_v3.0.0_trivy-0.16_5-vulns.json';

const OTHER_FORMAT_FOLDERS = ['sarif', 'cyclonedx-json', 'trivy-json', 'grype-json', 'semgrep-json', 'npm-audit-json', 'gitleaks-json', 'gitlab-dependency-scanning', 'gitlab-sast'];

function parseSample(file: string): ParseResult {
  return gitlabContainerScanningFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseJson(report: unknown): ParseResult {
  return gitlabContainerScanningFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function vulnerabilitiesOf(report: unknown): Json[] {
  return (report as Json)['vulnerabilities'] as Json[];
}

function findingAt(result: ParseResult, index: number): ParsedFinding {
  const finding = result.findings.find((candidate) => candidate.sourcePointer === `/vulnerabilities/${index}`);
  assert.ok(finding, `no finding at /vulnerabilities/${index}`);
  return finding;
}

describe('gitlabContainerScanningFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(gitlabContainerScanningFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks gitlab-container-scanning for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'gitlab-container-scanning');
    });
  }

  for (const folder of OTHER_FORMAT_FOLDERS) {
    for (const file of sampleFiles(folder)) {
      it(`ignores ${folder}/${file}`, () => {
        assert.equal(gitlabContainerScanningFormat.detect(new ReportInput(readSample(folder, file))), false);
      });
    }
  }
});

describe('gitlabContainerScanningFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`reads every vulnerability of ${file}`, () => {
      const result = parseSample(file);
      assert.equal(result.findings.length, vulnerabilitiesOf(readSampleJson(FOLDER, file)).length);
      assert.deepEqual(result.warnings, []);
      assert.equal(result.complete, true);
    });
  }
});

describe('gitlabContainerScanningFormat.parse schema 3', () => {
  const result = parseSample(DEBIAN);

  it('builds a Debian purl with the distro', () => {
    const finding = findingAt(result, 0);
    assert.equal(finding.package?.purl, 'pkg:deb/debian/libc6@2.28-10?distro=debian-10.9');
    assert.equal(finding.category, 'container');
  });

  it('reads id, title and severity', () => {
    const finding = findingAt(result, 0);
    assert.deepEqual(finding.vulnerabilityIds, ['CVE-2020-1751']);
    assert.equal(finding.title, 'CVE-2020-1751 in libc6-2.28-10');
    assert.equal(finding.severity, 'high');
  });

  it('names the image without tag', () => {
    assert.equal(findingAt(result, 0).location.image, 'registry/vulnerable-project');
    assert.equal(result.assetName, 'registry/vulnerable-project');
  });

  it('reads no fix from "No solution provided"', () => {
    assert.deepEqual(findingAt(result, 0).package?.fixedVersions, []);
  });

  it('falls back to the deprecated cve field', () => {
    const report = readSampleJson(FOLDER, DEBIAN);
    (vulnerabilitiesOf(report)[2] as Json)['identifiers'] = [];
    const expected = (vulnerabilitiesOf(report)[2] as Json)['cve'];

    assert.deepEqual(findingAt(parseJson(report), 2).vulnerabilityIds, [expected]);
  });
});

describe('gitlabContainerScanningFormat.parse schema 15', () => {
  const result = parseSample(ALPINE);

  it('builds an Alpine purl', () => {
    const finding = findingAt(result, 0);
    assert.equal(finding.package?.purl, 'pkg:apk/alpine/libcrypto1.1@1.1.1c-r0?distro=3.10.2');
    assert.deepEqual(finding.package?.fixedVersions, ['1.1.1d-r0']);
  });

  it('maps Medium and the name', () => {
    const finding = findingAt(result, 0);
    assert.equal(finding.severity, 'medium');
    assert.equal(finding.title, 'openssl: information disclosure in fork() in libcrypto1.1 1.1.1c-r0');
  });

  it('reads the scanner as tool', () => {
    assert.deepEqual(result.tool, { name: 'trivy', version: 'dev' });
  });
});

describe('gitlabContainerScanningFormat.parse malformed records', () => {
  it('skips a vulnerability without any name or id', () => {
    const report = readSampleJson(FOLDER, DEBIAN);
    const vulnerability = vulnerabilitiesOf(report)[1] as Json;
    delete vulnerability['message'];
    delete vulnerability['cve'];
    vulnerability['identifiers'] = [];

    const result = parseJson(report);
    assert.equal(result.findings.length, vulnerabilitiesOf(readSampleJson(FOLDER, DEBIAN)).length - 1);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/vulnerabilities/1']);
  });

  it('keeps a vulnerability with an empty package', () => {
    const report = readSampleJson(FOLDER, DEBIAN);
    ((vulnerabilitiesOf(report)[0] as Json)['location'] as Json)['dependency'] = { package: {} };

    const result = parseJson(report);
    assert.equal(findingAt(result, 0).package, null);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/vulnerabilities/0/location/dependency']);
  });
});

describe('gitlabContainerScanningFormat.parse rejections', () => {
  it('rejects vulnerabilities that is not an array', () => {
    const report = readSampleJson(FOLDER, DEBIAN) as Json;
    report['vulnerabilities'] = null;
    assert.throws(() => parseJson(report), ReportRejectedError);
  });
});
