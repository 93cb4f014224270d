import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat, parseReport } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { osvScannerFormat } from './osv-scanner.parser.js';

type Json = Record<string, unknown>;

const FOLDER = 'osv-scanner-json';
const MANY = 'osv-scanner_multi-lockfile_66-vulns.json';
const EMPTY = 'osv-scanner_no-findings_zero-byte.json';
const MALICIOUS = 'osv-scanner_yarn-lock_1-vuln.json';

const OTHER_FORMAT_FOLDERS = ['sarif', 'cyclonedx-json', 'trivy-json', 'grype-json', 'semgrep-json', 'npm-audit-json', 'gitleaks-json'];

function parseSample(file: string): ParseResult {
  return osvScannerFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseJson(report: unknown): ParseResult {
  return osvScannerFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

function packagesOf(report: unknown): Json[] {
  return list((report as Json)['results']).flatMap((result) => list(result['packages']));
}

/** Counts one finding per group, plus one per record that no group names. */
function expectedCount(report: unknown): number {
  return packagesOf(report).reduce((sum, entry) => {
    const grouped = new Set(list(entry['groups']).flatMap((group) => group['ids'] as string[]));
    const ungrouped = list(entry['vulnerabilities']).filter((record) => !grouped.has(String(record['id'])));
    return sum + list(entry['groups']).length + ungrouped.length;
  }, 0);
}

/** Pointer of the group whose first id is `id`, found in the report itself. */
function groupPointer(report: unknown, id: string): string {
  const results = list((report as Json)['results']);
  for (const [r, result] of results.entries()) {
    for (const [p, entry] of list(result['packages']).entries()) {
      const g = list(entry['groups']).findIndex((group) => (group['ids'] as string[])[0] === id);
      if (g >= 0) {
        return `/results/${r}/packages/${p}/groups/${g}`;
      }
    }
  }
  throw new Error(`no group for ${id}`);
}

function findingAt(result: ParseResult, sourcePointer: string): ParsedFinding {
  const finding = result.findings.find((candidate) => candidate.sourcePointer === sourcePointer);
  assert.ok(finding, `no finding at ${sourcePointer}`);
  return finding;
}

describe('osvScannerFormat.detect', () => {
  for (const file of sampleFiles(FOLDER).filter((name) => name !== EMPTY)) {
    it(`detects ${file}`, () => {
      assert.equal(osvScannerFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks osv-scanner for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'osv-scanner');
    });
  }

  for (const folder of OTHER_FORMAT_FOLDERS) {
    for (const file of sampleFiles(folder)) {
      it(`ignores ${folder}/${file}`, () => {
        assert.equal(osvScannerFormat.detect(new ReportInput(readSample(folder, file))), false);
      });
    }
  }

  it('detects an empty results list', () => {
    assert.equal(osvScannerFormat.detect(new ReportInput(Buffer.from('{"results": []}'))), true);
  });

  it('ignores results beside other keys', () => {
    assert.equal(osvScannerFormat.detect(new ReportInput(Buffer.from('{"results": [], "errors": []}'))), false);
  });
});

describe('osvScannerFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER).filter((name) => name !== EMPTY)) {
    it(`reads every group of ${file}`, () => {
      const result = parseSample(file);
      assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, file)));
      assert.deepEqual(result.warnings, []);
      assert.equal(result.complete, true);
    });
  }
});

describe('osvScannerFormat.parse groups', () => {
  const report = readSampleJson(FOLDER, MANY);
  const result = parseSample(MANY);

  it('maps a Packagist group', () => {
    const finding = findingAt(result, groupPointer(report, 'GHSA-25mq-v84q-4j7r'));
    assert.deepEqual(finding.vulnerabilityIds, ['GHSA-25mq-v84q-4j7r', 'CVE-2022-31090']);
    assert.equal(finding.package?.purl, 'pkg:composer/guzzlehttp/guzzle@6.3.3');
    assert.equal(finding.location.path, 'tmpcardmarket-api/composer.lock');
  });

  it('reads GHSA severity and CWEs', () => {
    const finding = findingAt(result, groupPointer(report, 'GHSA-25mq-v84q-4j7r'));
    assert.equal(finding.severity, 'high');
    assert.equal(finding.toolSeverity, 'HIGH');
    assert.deepEqual(finding.cwes, ['CWE-200', 'CWE-212']);
  });

  it('keeps fixed versions of the package', () => {
    const finding = findingAt(result, groupPointer(report, 'GHSA-25mq-v84q-4j7r'));
    assert.ok(finding.package?.fixedVersions.includes('6.5.8'));
  });

  it('makes one finding of a two-id group', () => {
    const finding = findingAt(result, groupPointer(report, 'GHSA-q7rv-6hp3-vh96'));
    assert.equal(finding.vulnerabilityIds[0], 'GHSA-q7rv-6hp3-vh96');
    for (const id of ['GHSA-wxmh-65f7-jcvw', 'CVE-2022-24775', 'CVE-2023-29197', 'CVE-2023-29530', 'GHSA-xv3h-4844-9h36']) {
      assert.ok(finding.vulnerabilityIds.includes(id), `missing ${id}`);
    }
    assert.equal(finding.severity, 'medium');
  });

  it('merges GHSA and PYSEC records', () => {
    const finding = findingAt(result, groupPointer(report, 'GHSA-g4mx-q9vg-27p4'));
    assert.deepEqual(finding.vulnerabilityIds, ['GHSA-g4mx-q9vg-27p4', 'CVE-2023-45803', 'PYSEC-2023-212']);
    assert.equal(finding.package?.purl, 'pkg:pypi/urllib3@1.26.17');
  });

  it('derives severity from CVSS without a GHSA record', () => {
    const finding = findingAt(result, groupPointer(report, 'PYSEC-2023-206'));
    assert.equal(finding.toolSeverity, null);
    assert.equal(finding.severity, 'high');
  });

  it('keeps a git source without package', () => {
    const finding = findingAt(result, groupPointer(report, 'CVE-2023-50094'));
    assert.equal(finding.package, null);
    assert.match(finding.description ?? '', /commit f5f3c22f3ed5a6804a2a8d9ee9fa43044cfa24a6/);
    assert.equal(finding.location.path, 'tmprengine');
  });
});

describe('osvScannerFormat.parse malicious package', () => {
  it('maps MAL ids and the CWE', () => {
    const finding = findingAt(parseSample(MALICIOUS), '/results/0/packages/0/groups/0');
    assert.deepEqual(finding.vulnerabilityIds, ['MAL-2023-1035', 'GHSA-8348-2q94-ffjx']);
    assert.deepEqual(finding.cwes, ['CWE-506']);
    assert.equal(finding.severity, 'unknown');
    assert.equal(finding.package?.purl, 'pkg:npm/flot-axis@0.0.0');
  });
});

describe('osvScannerFormat.parse without groups', () => {
  it('makes one finding per record', () => {
    const report = readSampleJson(FOLDER, MANY) as Json;
    const entry = packagesOf(report)[1] as Json;
    const records = list(entry['vulnerabilities']).length;
    delete entry['groups'];

    const result = parseJson(report);
    assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, MANY)) - 1 + records);
  });
});

describe('osvScannerFormat.parse malformed records', () => {
  it('skips a package entry that is not an object', () => {
    const report = readSampleJson(FOLDER, MANY) as Json;
    const first = list(report['results'])[0] as Json;
    const groups = list(list(first['packages'])[1]?.['groups']).length;
    list(first['packages'])[1] = null as unknown as Json;

    const result = parseJson(report);
    assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, MANY)) - groups);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/results/0/packages/1']);
  });

  it('skips a group without ids', () => {
    const report = readSampleJson(FOLDER, MANY) as Json;
    const entry = packagesOf(report)[0] as Json;
    const group = list(entry['groups'])[2] as Json;
    const ids = group['ids'] as string[];
    group['ids'] = [];
    // The records of the emptied group are then ungrouped, one finding each.
    const result = parseJson(report);
    assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, MANY)) - 1 + ids.length);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/results/0/packages/0/groups/2']);
  });
});

describe('osvScannerFormat.parse rejections', () => {
  it('rejects the zero-byte file', () => {
    assert.throws(
      () => parseSample(EMPTY),
      (rejection: unknown) => rejection instanceof ReportRejectedError && rejection.code === 'empty_report' && rejection.message.includes('0 bytes'),
    );
  });

  it('rejects the zero-byte file with --tool', () => {
    assert.throws(
      () => parseReport(readSample(FOLDER, EMPTY), { toolHint: 'osv-scanner' }),
      (rejection: unknown) => rejection instanceof ReportRejectedError && rejection.code === 'empty_report',
    );
  });

  it('rejects results that is not an array', () => {
    assert.throws(() => parseJson({ results: {} }), ReportRejectedError);
  });
});
