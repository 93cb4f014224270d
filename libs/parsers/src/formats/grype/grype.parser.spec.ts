import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { grypeFormat } from './grype.parser.js';

type Json = Record<string, unknown>;

const FOLDER = 'grype-json';
const ALL_FIELDS = 'grype-0.28.0_image_all-fields_6-matches.json';
const SAME_CVE = 'grype-0.36.0_same-cve-different-paths.json';
const NO_MATCHES = 'grype-0.7.0_image_busybox_no-matches.json';
const DEFECTDOJO = 'grype-0.7.0_image_defectdojo-django-1.13.1_327-matches.json';
const EPSS = 'grype-0.94.0_image_busybox_binary-epss.json';

const OTHER_FORMAT_FOLDERS = ['sarif', 'cyclonedx-json', 'trivy-json', 'semgrep-json', 'npm-audit-json', 'gitleaks-json'];

function parseSample(file: string): ParseResult {
  return grypeFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseJson(report: unknown): ParseResult {
  return grypeFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function matchesOf(report: unknown): unknown[] {
  const matches = (report as Json)['matches'];
  return Array.isArray(matches) ? matches : [];
}

function findingAt(result: ParseResult, index: number): ParsedFinding {
  const finding = result.findings.find((candidate) => candidate.sourcePointer === `/matches/${index}`);
  assert.ok(finding, `no finding at /matches/${index}`);
  return finding;
}

describe('grypeFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(grypeFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });
  }

  for (const folder of OTHER_FORMAT_FOLDERS) {
    for (const file of sampleFiles(folder)) {
      it(`ignores ${folder}/${file}`, () => {
        assert.equal(grypeFormat.detect(new ReportInput(readSample(folder, file))), false);
      });
    }
  }
});

describe('grypeFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`reads every match of ${file}`, () => {
      const result = parseSample(file);
      assert.equal(result.findings.length, matchesOf(readSampleJson(FOLDER, file)).length);
      assert.deepEqual(result.warnings, []);
      assert.equal(result.complete, true);
    });
  }
});

describe('grypeFormat.parse 0.28 schema', () => {
  const result = parseSample(ALL_FIELDS);

  it('maps Negligible to low', () => {
    const finding = findingAt(result, 0);
    assert.equal(finding.severity, 'low');
    assert.equal(finding.toolSeverity, 'Negligible');
  });

  it('reads related CVSS vectors', () => {
    const finding = findingAt(result, 0);
    assert.deepEqual(
      finding.cvss.map((cvss) => [cvss.source, cvss.vector]),
      [['nvd', 'AV:L/AC:L/Au:N/C:N/I:P/A:N']],
    );
  });

  it('keeps the deb purl', () => {
    const finding = findingAt(result, 0);
    assert.equal(finding.package?.purl, 'pkg:deb/debian/libgssapi-krb5-2@1.17-3+deb10u3?arch=amd64');
    assert.equal(finding.category, 'container');
    assert.equal(finding.location.layer, 'sha256:88a5584c6af8c220f94abb05315c2695505c8b9e2344a0aa879721b871d32b03');
  });

  it('adds related ids as aliases', () => {
    const finding = findingAt(result, 5);
    assert.deepEqual(finding.vulnerabilityIds, ['GHSA-v6rh-hp5x-86rv', 'CVE-2021-44420']);
  });

  it('reads fix versions', () => {
    const finding = findingAt(result, 5);
    assert.deepEqual(finding.package?.fixedVersions, ['3.2.10']);
    assert.equal(finding.package?.purl, 'pkg:pypi/django@3.2.9');
    assert.equal(finding.package?.name, 'Django');
  });

  it('names the image', () => {
    assert.equal(result.assetName, 'vulnerable-image');
    assert.equal(findingAt(result, 0).location.image, 'vulnerable-image');
    assert.equal(findingAt(result, 0).location.imageDigest, 'sha256:9d8825ab20ac86b40eb71495bece1608a302fb180384740697a28c2b0a5a0fc6');
  });

  it('reads the tool version', () => {
    assert.deepEqual(result.tool, { name: 'grype', version: '0.28.0' });
  });
});

describe('grypeFormat.parse 0.7 schema', () => {
  const result = parseSample(DEFECTDOJO);

  it('reads cvssV2 and fixedInVersion', () => {
    const report = readSampleJson(FOLDER, DEFECTDOJO);
    const index = matchesOf(report).findIndex((match) => (match as { vulnerability: Json }).vulnerability['fixedInVersion'] === '3.27.2-3+deb10u1');
    const finding = findingAt(result, index);
    assert.deepEqual(finding.package?.fixedVersions, ['3.27.2-3+deb10u1']);
  });

  it('maps libc6 CVE-2019-25013', () => {
    const finding = result.findings.find((candidate) => candidate.package?.name === 'libc6' && candidate.vulnerabilityIds[0] === 'CVE-2019-25013');
    assert.ok(finding);
    assert.equal(finding.severity, 'high');
    assert.equal(finding.package?.purl, 'pkg:deb/debian/libc6@2.28-10?arch=amd64');
    assert.deepEqual(finding.cvss.map((cvss) => cvss.vector), ['AV:N/AC:M/Au:N/C:N/I:N/A:C']);
  });

  it('maps Unknown to unknown', () => {
    const finding = result.findings.find((candidate) => candidate.toolSeverity === 'Unknown');
    assert.ok(finding);
    assert.equal(finding.severity, 'unknown');
  });

  it('skips empty cvssV3 vectors without warning', () => {
    assert.deepEqual(result.warnings, []);
  });

  it('names the image without tag', () => {
    assert.equal(result.assetName, 'defectdojo/defectdojo-django');
  });
});

describe('grypeFormat.parse 0.94 schema', () => {
  const result = parseSample(EPSS);

  it('takes the scorer from cvss source', () => {
    const finding = findingAt(result, 0);
    assert.ok(finding.cvss.some((cvss) => cvss.source === 'nvd@nist.gov' && cvss.vector === 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H'));
    assert.equal(finding.package?.purl, 'pkg:generic/busybox@1.32.1');
  });
});

describe('grypeFormat.parse same CVE twice', () => {
  const result = parseSample(SAME_CVE);

  it('keeps both paths', () => {
    assert.equal(findingAt(result, 0).location.path, 'usr/lib/x86_64-linux-gnu/libc.so.6');
    assert.equal(findingAt(result, 1).location.path, 'lib/x86_64-linux-gnu/libc.so.6');
  });
});

describe('grypeFormat.parse package without purl', () => {
  it('builds a deb purl from the distro', () => {
    const report = readSampleJson(FOLDER, SAME_CVE) as Json;
    const artifact = (matchesOf(report)[0] as { artifact: Json }).artifact;
    delete artifact['purl'];

    const finding = findingAt(parseJson(report), 0);
    assert.equal(finding.package?.purl, 'pkg:deb/debian/libc6@2.28-10?distro=debian-10');
  });
});

describe('grypeFormat.parse directory scan', () => {
  it('maps findings to sca', () => {
    const report = readSampleJson(FOLDER, SAME_CVE) as Json;
    report['source'] = { type: 'directory', target: '/src/app/' };

    const result = parseJson(report);
    assert.equal(result.findings[0]?.category, 'sca');
    assert.equal(result.findings[0]?.location.image, null);
    assert.equal(result.assetName, '/src/app');
  });
});

describe('grypeFormat.parse malformed records', () => {
  it('skips a match without vulnerability id', () => {
    const report = readSampleJson(FOLDER, ALL_FIELDS) as Json;
    delete (matchesOf(report)[2] as { vulnerability: Json }).vulnerability['id'];

    const result = parseJson(report);
    assert.equal(result.findings.length, 5);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/matches/2']);
  });

  it('skips a match that is not an object', () => {
    const report = readSampleJson(FOLDER, ALL_FIELDS) as Json;
    matchesOf(report)[4] = null;

    const result = parseJson(report);
    assert.equal(result.findings.length, 5);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/matches/4']);
  });
});

describe('grypeFormat.parse rejections', () => {
  it('rejects matches that is not an array', () => {
    const report = readSampleJson(FOLDER, NO_MATCHES) as Json;
    report['matches'] = {};
    assert.throws(() => parseJson(report), ReportRejectedError);
  });
});
