import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { kicsFormat } from './kics.parser.js';

interface KicsFileJson {
  file_name: string;
  similarity_id: string;
  line: number;
  search_key: string;
}

interface KicsQueryJson {
  query_name: string;
  query_id: string;
  query_url: string;
  severity: string;
  files: KicsFileJson[];
}

interface KicsReportJson {
  queries: KicsQueryJson[];
  total_counter: number;
  [key: string]: unknown;
}

const FOLDER = 'kics-json';
const MANY = 'kics_many-findings.json';
const NONE = 'kics_no-findings.json';

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'kics-dev_github-actions_windows-paths_taxonomies.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-legacy-array_debian-10.8_93-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
];

function sampleReport(file: string): KicsReportJson {
  return readSampleJson(FOLDER, file) as KicsReportJson;
}

function fileEntries(report: KicsReportJson): KicsFileJson[] {
  return report.queries.flatMap((query) => query.files);
}

function queryAt(report: KicsReportJson, index: number): KicsQueryJson {
  const query = report.queries[index];
  assert.ok(query !== undefined);
  return query;
}

function parseSample(file: string) {
  return kicsFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseReport(report: unknown) {
  return kicsFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

describe('kicsFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(kicsFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks kics for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'kics');
    });
  }

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(kicsFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('kicsFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every file entry of ${file}`, () => {
      const parsed = parseSample(file);

      assert.equal(parsed.findings.length, fileEntries(sampleReport(file)).length);
      assert.equal(parsed.complete, true);
      assert.deepEqual(parsed.warnings, []);
    });
  }

  it('reads no queries as zero findings', () => {
    assert.deepEqual(sampleReport(NONE).queries, []);
    assert.equal(parseSample(NONE).findings.length, 0);
  });

  it('warns when total_counter disagrees', () => {
    const report = sampleReport(MANY);
    report.total_counter += 1;
    assert.ok(parseReport(report).warnings.some((warning) => warning.location === '/total_counter'));
  });
});

describe('kicsFormat.parse fields', () => {
  const report = sampleReport(MANY);
  const query = queryAt(report, 0);
  const entry = query.files[0];
  const finding = parseSample(MANY).findings[0];

  it('reads query and file entry', () => {
    assert.equal(finding?.ruleId, query.query_id);
    assert.equal(finding?.title, query.query_name);
    assert.equal(finding?.category, 'iac');
    assert.equal(finding?.location.path, entry?.file_name);
    assert.equal(finding?.location.startLine, entry?.line);
    assert.equal(finding?.location.resourceName, entry?.search_key);
    assert.deepEqual(finding?.references, [query.query_url]);
    assert.equal(finding?.sourcePointer, '/queries/0/files/0');
  });

  it('uses similarity_id as fingerprint', () => {
    assert.equal(finding?.fingerprint, entry?.similarity_id);
  });

  it('maps HIGH to high', () => {
    assert.equal(query.severity, 'HIGH');
    assert.equal(finding?.severity, 'high');
    assert.equal(finding?.toolSeverity, 'HIGH');
  });

  it('maps LOW to low', () => {
    const index = report.queries.findIndex((candidate) => candidate.severity === 'LOW');
    const before = report.queries.slice(0, index).reduce((sum, candidate) => sum + candidate.files.length, 0);
    assert.equal(parseSample(MANY).findings[before]?.severity, 'low');
  });

  it('gives one finding per file entry', () => {
    const index = report.queries.findIndex((candidate) => candidate.files.length > 1);
    const before = report.queries.slice(0, index).reduce((sum, candidate) => sum + candidate.files.length, 0);
    const findings = parseSample(MANY).findings;
    assert.equal(findings[before + 1]?.sourcePointer, `/queries/${index}/files/1`);
    assert.equal(findings[before + 1]?.fingerprint, queryAt(report, index).files[1]?.similarity_id);
  });
});

describe('kicsFormat.parse problems', () => {
  it('skips a malformed file entry with a warning', () => {
    const report = sampleReport(MANY);
    const total = fileEntries(report).length;
    Reflect.deleteProperty(queryAt(report, 2).files[0] ?? {}, 'file_name');

    const parsed = parseReport(report);

    assert.equal(parsed.findings.length, total - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/queries/2/files/0'));
  });

  it('skips a malformed query with a warning', () => {
    const report = sampleReport(MANY);
    const total = fileEntries(report).length;
    const skipped = queryAt(report, 1).files.length;
    (report.queries as unknown[])[1] = 'not a query';

    const parsed = parseReport(report);

    assert.equal(parsed.findings.length, total - skipped);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/queries/1'));
  });

  it('marks failed queries incomplete', () => {
    const report = { ...sampleReport(NONE), queries_failed_to_execute: 2 };
    assert.equal(parseReport(report).complete, false);
  });

  it('rejects queries that are not an array', () => {
    assert.throws(() => parseReport({ queries: {} }), (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape');
  });
});
