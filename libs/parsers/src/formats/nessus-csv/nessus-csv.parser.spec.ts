import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { nessusCsvFormat } from './nessus-csv.parser.js';

const FOLDER = 'nessus';
const EXPORT = 'nessus_csv-export_many.csv';
const CSV_FILES = sampleFiles(FOLDER).filter((file) => file.endsWith('.csv'));
const XML_FILES = sampleFiles(FOLDER).filter((file) => file.endsWith('.xml'));

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'semgrep-oss-1.69.0_juice-shop_77-results.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-dev_image_alpine-3.10_schema2_4-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
  ['openvas', 'openvas_csv_1-result.csv'],
  ['trufflehog-jsonl', 'trufflehog-v3_git_4-results.jsonl'],
];

function sampleText(file = EXPORT): string {
  return readSample(FOLDER, file).toString('utf8');
}

function parseText(text: string) {
  return nessusCsvFormat.parse(new ReportInput(Buffer.from(text)));
}

/** Header and data rows as csv-parse reads them, blank rows left out. */
function sampleRows(text = sampleText()): { header: string[]; rows: Array<Record<string, string>> } {
  const [header = [], ...rows] = parse(text, { relax_column_count: true }) as string[][];
  const filled = rows.filter((row) => row.some((cell) => cell.trim() !== ''));
  return { header, rows: filled.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? '']))) };
}

/** Counts the findings expected: one per plugin, host, protocol and port. */
function expectedCount(text: string): number {
  return new Set(sampleRows(text).rows.map((row) => [row['Plugin'], row['IP Address'], row['Protocol'], row['Port']].join('|'))).size;
}

function firstRow(): Record<string, string> {
  const row = sampleRows().rows[0];
  assert.ok(row !== undefined);
  return row;
}

describe('nessusCsvFormat.detect', () => {
  for (const file of CSV_FILES) {
    it(`detects ${file}`, () => {
      assert.equal(nessusCsvFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks nessus-csv for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'nessus-csv');
    });
  }

  for (const file of XML_FILES) {
    it(`leaves ${file} to nessus`, () => {
      assert.equal(nessusCsvFormat.detect(new ReportInput(readSample(FOLDER, file))), false);
    });
  }

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(nessusCsvFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('nessusCsvFormat.parse counts', () => {
  for (const file of CSV_FILES) {
    it(`finds every result of ${file}`, () => {
      const parsed = parseText(sampleText(file));
      assert.equal(parsed.findings.length, expectedCount(sampleText(file)));
      assert.equal(parsed.complete, true);
    });
  }

  it('counts blank rows in one warning', () => {
    const [, ...all] = parse(sampleText(), { relax_column_count: true }) as string[][];
    const blank = all.filter((row) => row.every((cell) => cell.trim() === '')).length;
    assert.ok(blank > 0);
    assert.ok(parseText(sampleText()).warnings.some((warning) => warning.message === `${blank} blank rows skipped`));
  });

  it('locates blank rows at the first', () => {
    const firstBlank = sampleText().split('\n').findIndex((line) => /^,+\r?$/.test(line)) + 1;
    const warning = parseText(sampleText()).warnings.find((candidate) => candidate.message.endsWith('blank rows skipped'));
    assert.equal(warning?.location, `line ${firstBlank}`);
  });
});

describe('nessusCsvFormat.parse fields', () => {
  it('maps Medium to medium', () => {
    const finding = parseText(sampleText()).findings[0];
    assert.equal(firstRow()['Severity'], 'Medium');
    assert.equal(finding?.severity, 'medium');
    assert.equal(finding?.toolSeverity, 'Medium');
  });

  it('reads plugin, host and port', () => {
    const row = firstRow();
    const finding = parseText(sampleText()).findings[0];
    assert.equal(finding?.ruleId, row['Plugin']);
    assert.equal(finding?.title, row['Plugin Name']);
    assert.equal(finding?.category, 'other');
    assert.equal(finding?.location.url, `${row['Protocol']?.toLowerCase()}://${row['IP Address']}:${row['Port']}`);
    assert.equal(finding?.location.resourceName, row['IP Address']);
  });

  it('points at the first line of the row', () => {
    const parsed = parseText(sampleText());
    const lines = sampleText().split('\n');
    for (const finding of parsed.findings) {
      const line = Number(/^line (\d+)$/.exec(finding.sourcePointer)?.[1]);
      assert.ok(lines[line - 1]?.startsWith(`${finding.ruleId},`), `line ${line} does not start the row of plugin ${finding.ruleId}`);
    }
  });

  it('reads CVE and CWE', () => {
    const row = firstRow();
    const finding = parseText(sampleText()).findings[0];
    assert.deepEqual(finding?.vulnerabilityIds, [row['CVE']]);
    assert.match(row['Cross References'] ?? '', /CWE #310/);
    assert.deepEqual(finding?.cwes, ['CWE-310']);
  });

  it('reads a list of CVEs', () => {
    const rows = sampleRows().rows;
    const index = rows.findIndex((row) => (row['CVE'] ?? '').includes(','));
    assert.ok(index >= 0);
    assert.deepEqual(parseText(sampleText()).findings[index]?.vulnerabilityIds, rows[index]?.['CVE']?.split(','));
  });

  it('scores both vectors as the export does', () => {
    const row = firstRow();
    const cvss = parseText(sampleText()).findings[0]?.cvss ?? [];
    assert.equal(cvss.find((entry) => entry.version === '3.0')?.vector, `CVSS:3.0/${row['CVSS V3 Vector']}`);
    assert.equal(cvss.find((entry) => entry.version === '3.0')?.baseScore, Number(row['CVSS V3 Base Score']));
    assert.equal(cvss.find((entry) => entry.version === '2.0')?.baseScore, Number(row['CVSS V2 Base Score']));
  });

  it('merges one row per CVE', () => {
    const row = firstRow();
    const header = 'Plugin ID,CVE,CVSS,Risk,Host,Protocol,Port,Name,Synopsis,Description,Solution,See Also,Plugin Output';
    const line = (cve: string) => [row['Plugin'], cve, row['CVSS V2 Base Score'], 'None', row['IP Address'], 'tcp', row['Port'], row['Plugin Name'], '', '', '', '', ''].join(',');
    const text = [header, line('CVE-2004-2761'), line('CVE-2005-4900'), ''].join('\n');

    const parsed = parseText(text);

    assert.equal(parsed.findings.length, 1);
    assert.deepEqual(parsed.findings[0]?.vulnerabilityIds, ['CVE-2004-2761', 'CVE-2005-4900']);
    assert.equal(parsed.findings[0]?.severity, 'info');
    assert.equal(parsed.findings[0]?.toolSeverity, 'None');
  });

  it('drops the plugin output label', () => {
    const description = parseText(sampleText()).findings[0]?.description ?? '';
    assert.match(firstRow()['Plugin Text'] ?? '', /^Plugin Output:/);
    assert.match(description, /Plugin output \(excerpt\): The following certificates/);
  });
});

describe('nessusCsvFormat.parse problems', () => {
  it('skips a row of the wrong width', () => {
    const text = sampleText();
    const corrupted = text.replace('\n65821,', '\n');
    const line = text.split('\n').findIndex((content) => content.startsWith('65821,')) + 1;
    assert.notEqual(corrupted, text);

    const parsed = parseText(corrupted);

    assert.equal(parsed.findings.length, expectedCount(text) - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === `line ${line}`));
  });

  it('skips a row without plugin id', () => {
    const text = sampleText();
    const corrupted = text.replace('\n57582,', '\n,');
    const line = text.split('\n').findIndex((content) => content.startsWith('57582,')) + 1;

    const parsed = parseText(corrupted);

    assert.equal(parsed.findings.length, expectedCount(text) - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === `line ${line}`));
  });

  it('rejects an unclosed quote', () => {
    const text = sampleText().replace('"Plugin Output: ', '"Plugin Output: "unbalanced ');
    assert.throws(
      () => parseText(text),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'invalid_csv' && /^line \d+$/.test(error.location ?? ''),
    );
  });

  it('rejects a CSV without plugin column', () => {
    assert.throws(
      () => parseText('Name,Host\nx,10.0.0.1\n'),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape',
    );
  });
});
