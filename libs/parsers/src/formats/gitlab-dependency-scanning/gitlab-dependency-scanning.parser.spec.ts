import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { gitlabDependencyScanningFormat } from './gitlab-dependency-scanning.parser.js';

type Json = Record<string, unknown>;

const FOLDER = 'gitlab-dependency-scanning';
const MANY = 'gl-dependency-scanning_v3.0.0_gemnasium_6-vulns.json';
const MISSING = 'gl-dependency-scanning_v3.0.0_missing-component.json';

const OTHER_FORMAT_FOLDERS = ['sarif', 'cyclonedx-json', 'trivy-json', 'grype-json', 'semgrep-json', 'npm-audit-json', 'gitleaks-json', 'gitlab-container-scanning', 'gitlab-sast'];

function parseSample(file: string): ParseResult {
  return gitlabDependencyScanningFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseJson(report: unknown): ParseResult {
  return gitlabDependencyScanningFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function vulnerabilitiesOf(report: unknown): Json[] {
  return (report as Json)['vulnerabilities'] as Json[];
}

function findingAt(result: ParseResult, index: number): ParsedFinding {
  const finding = result.findings.find((candidate) => candidate.sourcePointer === `/vulnerabilities/${index}`);
  assert.ok(finding, `no finding at /vulnerabilities/${index}`);
  return finding;
}

describe('gitlabDependencyScanningFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(gitlabDependencyScanningFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks gitlab-dependency-scanning for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'gitlab-dependency-scanning');
    });
  }

  for (const folder of OTHER_FORMAT_FOLDERS) {
    for (const file of sampleFiles(folder)) {
      it(`ignores ${folder}/${file}`, () => {
        assert.equal(gitlabDependencyScanningFormat.detect(new ReportInput(readSample(folder, file))), false);
      });
    }
  }
});

describe('gitlabDependencyScanningFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`reads every vulnerability of ${file}`, () => {
      const result = parseSample(file);
      assert.equal(result.findings.length, vulnerabilitiesOf(readSampleJson(FOLDER, file)).length);
      assert.equal(result.complete, true);
    });
  }
});

describe('gitlabDependencyScanningFormat.parse Gemnasium', () => {
  const result = parseSample(MANY);

  it('puts the CVE before the Gemnasium id', () => {
    assert.deepEqual(findingAt(result, 0).vulnerabilityIds, ['CVE-2020-29652', 'Gemnasium-ffb814a0-404c-11eb-b378-0242ac130002']);
  });

  it('builds a Go purl from the dependency file', () => {
    const finding = findingAt(result, 0);
    assert.equal(finding.package?.purl, 'pkg:golang/golang.org/x/crypto@v0.0.0-20190219172222-a4c6cb3142f2');
    assert.equal(finding.location.path, 'service/go.sum');
  });

  it('reads the fixed version from the solution', () => {
    assert.deepEqual(findingAt(result, 0).package?.fixedVersions, ['v0.0.0-20201216223049-8b5274cf687f']);
  });

  it('maps High and Unknown', () => {
    const report = readSampleJson(FOLDER, MANY);
    const unknown = vulnerabilitiesOf(report).findIndex((vulnerability) => vulnerability['severity'] === 'Unknown');
    assert.equal(findingAt(result, 0).severity, 'high');
    assert.equal(findingAt(result, unknown).severity, 'unknown');
    assert.equal(findingAt(result, unknown).toolSeverity, 'Unknown');
  });

  it('reads the scanner as tool', () => {
    assert.deepEqual(result.tool, { name: 'gemnasium', version: '2.24.1' });
    assert.equal(findingAt(result, 0).fingerprint, null);
  });

  it('keeps versions of one package apart', () => {
    assert.notEqual(findingAt(result, 0).package?.purl, findingAt(result, 1).package?.purl);
    assert.deepEqual(result.warnings, []);
  });
});

describe('gitlabDependencyScanningFormat.parse missing package', () => {
  const result = parseSample(MISSING);

  it('keeps the vulnerability without package', () => {
    const finding = findingAt(result, 0);
    assert.equal(finding.package, null);
    assert.equal(finding.location.path, 'service/go.sum');
    assert.deepEqual(finding.vulnerabilityIds, ['Gemnasium-7368f513-0aa9-4e34-a08d-40ea81f48e0e']);
  });

  it('warns about the missing package', () => {
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/vulnerabilities/0/location/dependency']);
  });
});

describe('gitlabDependencyScanningFormat.parse newer schema fields', () => {
  it('reads cvss_vectors and CWE identifiers', () => {
    const report = readSampleJson(FOLDER, MANY);
    const vulnerability = vulnerabilitiesOf(report)[0] as Json;
    vulnerability['cvss_vectors'] = [{ vendor: 'GitLab', vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H' }];
    (vulnerability['identifiers'] as Json[]).push({ type: 'cwe', name: 'CWE-476', value: '476' });

    const finding = findingAt(parseJson(report), 0);
    assert.deepEqual(finding.cvss.map((cvss) => [cvss.source, cvss.baseScore]), [['GitLab', 5.9]]);
    assert.deepEqual(finding.cwes, ['CWE-476']);
  });

  it('splits a Gemnasium Maven name at the slash', () => {
    const report = readSampleJson(FOLDER, MANY) as Json;
    (report['dependency_files'] as Json[])[0]!['package_manager'] = 'maven';
    const dependency = ((vulnerabilitiesOf(report)[0] as Json)['location'] as Json)['dependency'] as Json;
    dependency['package'] = { name: 'org.apache.logging.log4j/log4j-core' };
    dependency['version'] = '2.14.1';

    assert.equal(findingAt(parseJson(report), 0).package?.purl, 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1');
  });
});

describe('gitlabDependencyScanningFormat.parse malformed records', () => {
  it('skips a vulnerability that is not an object', () => {
    const report = readSampleJson(FOLDER, MANY);
    vulnerabilitiesOf(report)[3] = 7 as unknown as Json;

    const result = parseJson(report);
    assert.equal(result.findings.length, vulnerabilitiesOf(readSampleJson(FOLDER, MANY)).length - 1);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/vulnerabilities/3']);
  });
});

describe('gitlabDependencyScanningFormat.parse rejections', () => {
  it('rejects a failed scan as a tool error', () => {
    const report = readSampleJson(FOLDER, MANY) as Json;
    const scan = report['scan'] as Json;
    scan['status'] = 'failure';
    scan['messages'] = [{ level: 'fatal', value: 'Dependency file go.sum could not be parsed' }];

    assert.throws(
      () => parseJson(report),
      (rejection: unknown) => rejection instanceof ReportRejectedError && rejection.code === 'tool_error' && rejection.message.includes('go.sum could not be parsed'),
    );
  });
});
