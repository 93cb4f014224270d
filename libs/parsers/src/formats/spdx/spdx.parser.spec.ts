import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { spdxFormat } from './spdx.parser.js';

type Json = Record<string, unknown>;

const FOLDER = 'spdx-json';
const ADVISORIES = 'spdx-2.3_syft-1.50.0_advisory-refs.json';
const NO_ADVISORIES = 'spdx-2.3_syft-1.50.0_no-advisories.json';
const CONDA = 'spdx-2.3_trivy_conda.json';

const OTHER_FORMAT_FOLDERS = ['sarif', 'cyclonedx-json', 'trivy-json', 'grype-json', 'semgrep-json', 'npm-audit-json', 'gitleaks-json'];

function parseSample(file: string): ParseResult {
  return spdxFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseJson(report: unknown): ParseResult {
  return spdxFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function packagesOf(report: unknown): Json[] {
  return (report as Json)['packages'] as Json[];
}

function refsOf(entry: Json | undefined): Json[] {
  return Array.isArray(entry?.['externalRefs']) ? (entry['externalRefs'] as Json[]) : [];
}

function isAdvisory(ref: Json): boolean {
  return ref['referenceCategory'] === 'SECURITY' && ref['referenceType'] === 'advisory';
}

function expectedCount(report: unknown): number {
  return packagesOf(report).reduce((sum, entry) => sum + refsOf(entry).filter(isAdvisory).length, 0);
}

function withPurlCount(report: unknown): number {
  return packagesOf(report).filter((entry) => refsOf(entry).some((ref) => ref['referenceType'] === 'purl')).length;
}

/** Pointer of the advisory reference whose locator ends with `suffix`, found in the report itself. */
function advisoryPointer(report: unknown, suffix: string): string {
  for (const [p, entry] of packagesOf(report).entries()) {
    const r = refsOf(entry).findIndex((ref) => isAdvisory(ref) && String(ref['referenceLocator']).endsWith(suffix));
    if (r >= 0) {
      return `/packages/${p}/externalRefs/${r}`;
    }
  }
  throw new Error(`no advisory ending in ${suffix}`);
}

function findingAt(result: ParseResult, sourcePointer: string): ParsedFinding {
  const finding = result.findings.find((candidate) => candidate.sourcePointer === sourcePointer);
  assert.ok(finding, `no finding at ${sourcePointer}`);
  return finding;
}

describe('spdxFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(spdxFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks spdx for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'spdx');
    });
  }

  for (const folder of OTHER_FORMAT_FOLDERS) {
    for (const file of sampleFiles(folder)) {
      it(`ignores ${folder}/${file}`, () => {
        assert.equal(spdxFormat.detect(new ReportInput(readSample(folder, file))), false);
      });
    }
  }
});

describe('spdxFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`reads every advisory reference of ${file}`, () => {
      const result = parseSample(file);
      assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, file)));
      assert.equal(result.complete, false);
    });

    it(`lists every package with a purl of ${file}`, () => {
      assert.equal(parseSample(file).components.length, withPurlCount(readSampleJson(FOLDER, file)));
    });
  }
});

describe('spdxFormat.parse advisory references', () => {
  const report = readSampleJson(FOLDER, ADVISORIES);
  const result = parseSample(ADVISORIES);

  it('reads the CVE from the advisory URL', () => {
    const finding = findingAt(result, advisoryPointer(report, 'CVE-2024-10001'));
    assert.deepEqual(finding.vulnerabilityIds, ['CVE-2024-10001']);
    assert.equal(finding.package?.purl, 'pkg:apk/alpine/alpine-baselayout@3.1.2-r0?arch=x86_64&distro=alpine-3.10.9');
    assert.equal(finding.package?.name, 'alpine-baselayout');
  });

  it('keeps the fix reference', () => {
    const finding = findingAt(result, advisoryPointer(report, 'CVE-2024-10001'));
    assert.deepEqual(finding.references, ['https://example.com/advisories/CVE-2024-10001', 'https://example.com/fixes/CVE-2024-10001']);
  });

  it('treats an SBOM of OS packages as an image', () => {
    const finding = findingAt(result, advisoryPointer(report, 'CVE-2024-10001'));
    assert.equal(finding.category, 'container');
    assert.equal(finding.location.image, 'generic-image');
    assert.equal(result.assetName, 'generic-image');
  });

  it('keeps an advisory without id with a warning', () => {
    const at = advisoryPointer(report, 'no-identifier-here');
    assert.deepEqual(findingAt(result, at).vulnerabilityIds, []);
    assert.deepEqual(result.warnings.map((warning) => warning.location), [at]);
  });

  it('leaves severity unknown', () => {
    assert.ok(result.findings.every((finding) => finding.severity === 'unknown'));
  });

  it('reads the creator tool', () => {
    assert.deepEqual(result.tool, { name: 'syft', version: '1.50.0' });
  });
});

describe('spdxFormat.parse components', () => {
  it('marks packages the root contains as direct', () => {
    const result = parseSample(CONDA);
    assert.deepEqual(
      result.components.map((component) => [component.purl, component.direct]),
      [
        ['pkg:conda/openssl@1.1.1q', true],
        ['pkg:conda/pip@22.2.2', true],
      ],
    );
    assert.equal(result.findings.length, 0);
  });

  it('marks a dependency of a package as transitive', () => {
    const report = readSampleJson(FOLDER, CONDA) as Json;
    const [openssl, pip] = packagesOf(report);
    for (const relationship of report['relationships'] as Json[]) {
      if (relationship['relatedSpdxElement'] === pip?.['SPDXID'] && relationship['relationshipType'] === 'CONTAINS') {
        relationship['spdxElementId'] = openssl?.['SPDXID'];
        relationship['relationshipType'] = 'DEPENDS_ON';
      }
    }

    const direct = parseJson(report).components.map((component) => component.direct);
    assert.deepEqual(direct, [true, false]);
  });

  it('leaves direct unknown without relationships', () => {
    assert.ok(parseSample(NO_ADVISORIES).components.every((component) => component.direct === null));
  });

  it('keeps licenses', () => {
    assert.deepEqual(parseSample(CONDA).components[0]?.licenses, ['OpenSSL']);
  });

  it('names a directory SBOM by its document name', () => {
    const result = parseSample(CONDA);
    assert.equal(result.assetName, 'testdata/fixtures/repo/conda');
  });
});

describe('spdxFormat.parse malformed records', () => {
  it('skips a package without name', () => {
    const report = readSampleJson(FOLDER, ADVISORIES);
    delete packagesOf(report)[1]!['name'];

    const result = parseJson(report);
    assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, ADVISORIES)) - 1);
    assert.ok(result.warnings.some((warning) => warning.location === '/packages/1'));
  });

  it('warns about an invalid purl', () => {
    const report = readSampleJson(FOLDER, NO_ADVISORIES);
    const ref = refsOf(packagesOf(report)[0]).find((candidate) => candidate['referenceType'] === 'purl') as Json;
    ref['referenceLocator'] = 'pkg:';

    const result = parseJson(report);
    assert.equal(result.components.length, withPurlCount(readSampleJson(FOLDER, NO_ADVISORIES)) - 1);
    assert.equal(result.warnings.length, 1);
  });
});

describe('spdxFormat.parse rejections', () => {
  it('rejects a document that is an array', () => {
    assert.throws(() => parseJson([]), ReportRejectedError);
  });
});
