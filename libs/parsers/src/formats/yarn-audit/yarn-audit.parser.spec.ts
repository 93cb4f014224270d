import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { yarnAuditFormat } from './yarn-audit.parser.js';

type Json = Record<string, unknown>;

const FOLDER = 'yarn-audit';
const BERRY = 'yarn-berry-npm-audit_ndjson.jsonl';
const CLASSIC = 'yarn1-audit_ndjson_many.jsonl';
const CLASSIC_ZERO = 'yarn1-audit_ndjson_zero.jsonl';

const OTHER_FORMAT_FOLDERS = ['sarif', 'cyclonedx-json', 'trivy-json', 'grype-json', 'semgrep-json', 'npm-audit-json', 'gitleaks-json'];

function sampleLines(file: string): string[] {
  return readSample(FOLDER, file).toString('utf8').split('\n');
}

function lineValues(file: string): Json[] {
  return sampleLines(file)
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Json);
}

function parseSample(file: string): ParseResult {
  return yarnAuditFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseLines(lines: string[]): ParseResult {
  return yarnAuditFormat.parse(new ReportInput(Buffer.from(lines.join('\n'))));
}

/**
 * Yarn 1: distinct (advisory id, installed version) pairs of the auditAdvisory
 * lines. Yarn Berry: one per "Tree Versions" entry of every line that is not
 * a deprecation notice.
 */
function expectedCount(file: string): number {
  const values = lineValues(file);
  if (values[0]?.['children'] !== undefined) {
    return values
      .map((value) => value['children'] as Json)
      .filter((children) => !String(children['ID']).endsWith('(deprecation)'))
      .reduce((sum, children) => sum + Math.max(1, (children['Tree Versions'] as unknown[]).length), 0);
  }
  const pairs = new Set<string>();
  for (const value of values.filter((entry) => entry['type'] === 'auditAdvisory')) {
    const advisory = (value['data'] as Json)['advisory'] as Json;
    for (const install of advisory['findings'] as Json[]) {
      pairs.add(`${String(advisory['id'])}|${String(install['version'])}`);
    }
  }
  return pairs.size;
}

function findingAt(result: ParseResult, sourcePointer: string): ParsedFinding {
  const finding = result.findings.find((candidate) => candidate.sourcePointer === sourcePointer);
  assert.ok(finding, `no finding at ${sourcePointer}`);
  return finding;
}

describe('yarnAuditFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(yarnAuditFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks yarn-audit for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'yarn-audit');
    });
  }

  for (const folder of OTHER_FORMAT_FOLDERS) {
    for (const file of sampleFiles(folder)) {
      it(`ignores ${folder}/${file}`, () => {
        assert.equal(yarnAuditFormat.detect(new ReportInput(readSample(folder, file))), false);
      });
    }
  }

  it('detects a one-line Berry report', () => {
    const last = sampleLines(BERRY).filter((line) => line.trim() !== '').at(-1) ?? '';
    assert.equal(yarnAuditFormat.detect(new ReportInput(Buffer.from(last))), true);
  });

  it('ignores Yarn output without audit lines', () => {
    assert.equal(yarnAuditFormat.detect(new ReportInput(Buffer.from('{"type":"info","data":"Done in 0.1s."}\n'))), false);
  });
});

describe('yarnAuditFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`reads every advisory of ${file}`, () => {
      const result = parseSample(file);
      assert.equal(result.findings.length, expectedCount(file));
      assert.equal(result.complete, true);
    });
  }
});

describe('yarnAuditFormat.parse Yarn 1', () => {
  const result = parseSample(CLASSIC);

  it('maps the minimist advisory', () => {
    const finding = findingAt(result, 'line 1');
    assert.equal(finding.package?.purl, 'pkg:npm/minimist@0.0.10');
    assert.equal(finding.severity, 'low');
    assert.equal(finding.ruleId, '1179');
    assert.deepEqual(finding.cwes, ['CWE-471']);
  });

  it('keeps npm advisory URLs as references', () => {
    const finding = findingAt(result, 'line 1');
    assert.equal(finding.references[0], 'https://npmjs.com/advisories/1179');
    assert.deepEqual(finding.vulnerabilityIds, []);
  });

  it('maps high', () => {
    const finding = findingAt(result, 'line 2');
    assert.equal(finding.severity, 'high');
    assert.equal(finding.package?.name, 'handlebars');
  });

  it('has no warnings when the summary agrees', () => {
    assert.deepEqual(result.warnings, []);
  });

  it('keeps the info line as a warning', () => {
    const zero = parseSample(CLASSIC_ZERO);
    assert.deepEqual(zero.warnings, [{ message: 'yarn info: No lockfile found.', location: 'line 1' }]);
  });
});

describe('yarnAuditFormat.parse Yarn Berry', () => {
  const result = parseSample(BERRY);

  it('maps the transformers advisory', () => {
    const finding = findingAt(result, 'line 4');
    assert.deepEqual(finding.vulnerabilityIds, ['GHSA-37q5-v5qm-c9v8']);
    assert.equal(finding.package?.purl, 'pkg:npm/transformers@4.38');
    assert.equal(finding.severity, 'low');
    assert.equal(finding.ruleId, '1096536');
  });

  it('skips deprecation notices with one warning', () => {
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['lines 1, 2, 3']);
    assert.match(result.warnings[0]?.message ?? '', /3 deprecation notices/);
  });

  it('maps moderate to medium', () => {
    const lines = sampleLines(BERRY);
    lines[3] = lines[3]!.replace('"Severity":"low"', '"Severity":"moderate"');
    assert.equal(findingAt(parseLines(lines), 'line 4').severity, 'medium');
  });
});

describe('yarnAuditFormat.parse summary', () => {
  it('warns when the summary counts more', () => {
    const lines = sampleLines(CLASSIC);
    const summaryLine = lines.findIndex((line) => line.includes('"auditSummary"')) + 1;
    lines.splice(1, 1);

    const result = parseLines(lines);
    assert.deepEqual(result.warnings.map((warning) => warning.location), [`line ${summaryLine - 1}`]);
    assert.match(result.warnings[0]?.message ?? '', /auditSummary counts 3 advisories but the report has 2/);
  });
});

describe('yarnAuditFormat.parse malformed records', () => {
  it('skips a line that is not JSON', () => {
    const lines = sampleLines(CLASSIC);
    lines[1] = '{"type":"auditAdvisory","data":';

    const result = parseLines(lines);
    assert.equal(result.findings.length, expectedCount(CLASSIC) - 1);
    assert.equal(result.warnings[0]?.location, 'line 2');
  });

  it('skips an advisory without module_name', () => {
    const lines = sampleLines(CLASSIC);
    const value = JSON.parse(lines[2]!) as Json;
    delete ((value['data'] as Json)['advisory'] as Json)['module_name'];
    lines[2] = JSON.stringify(value);

    const result = parseLines(lines);
    assert.equal(result.findings.length, expectedCount(CLASSIC) - 1);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['line 3']);
  });
});

describe('yarnAuditFormat.parse rejections', () => {
  it('rejects an error without summary as a tool error', () => {
    const lines = ['{"type":"error","data":"An unexpected error occurred: \\"Request failed \\\\\\"404 Not Found\\\\\\"\\"."}'];
    assert.throws(
      () => parseLines(lines),
      (rejection: unknown) => rejection instanceof ReportRejectedError && rejection.code === 'tool_error' && rejection.location === 'line 1',
    );
  });

  it('rejects a report without valid lines', () => {
    assert.throws(() => parseLines(['not json', '{"type":']), ReportRejectedError);
  });
});
