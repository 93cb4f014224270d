import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { openvasCsvFormat } from './openvas-csv.parser.js';

const FOLDER = 'openvas';
const EXPORT = 'openvas_csv_1-result.csv';
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
  ['nessus', 'nessus_csv-export_many.csv'],
];

function sampleText(file = EXPORT): string {
  return readSample(FOLDER, file).toString('utf8');
}

function parseText(text: string) {
  return openvasCsvFormat.parse(new ReportInput(Buffer.from(text)));
}

/** Data rows as csv-parse reads them, keyed by header name. */
function sampleRows(text = sampleText()): Array<Record<string, string>> {
  const [header = [], ...rows] = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])));
}

function firstRow(): Record<string, string> {
  const row = sampleRows()[0];
  assert.ok(row !== undefined);
  return row;
}

describe('openvasCsvFormat.detect', () => {
  for (const file of CSV_FILES) {
    it(`detects ${file}`, () => {
      assert.equal(openvasCsvFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks openvas-csv for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'openvas-csv');
    });
  }

  for (const file of XML_FILES) {
    it(`leaves ${file} to openvas`, () => {
      assert.equal(openvasCsvFormat.detect(new ReportInput(readSample(FOLDER, file))), false);
    });
  }

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(openvasCsvFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('openvasCsvFormat.parse', () => {
  for (const file of CSV_FILES) {
    it(`finds every row of ${file}`, () => {
      assert.equal(parseText(sampleText(file)).findings.length, sampleRows(sampleText(file)).length);
    });
  }

  it('maps Medium to medium', () => {
    const finding = parseText(sampleText()).findings[0];
    assert.equal(firstRow()['Severity'], 'Medium');
    assert.equal(finding?.severity, 'medium');
    assert.equal(finding?.toolSeverity, 'Medium');
  });

  it('maps Log to info', () => {
    const text = sampleText().replace(',4.3,Medium,', ',0.0,Log,');
    assert.equal(parseText(text).findings[0]?.severity, 'info');
  });

  it('reads NVT, host and port', () => {
    const row = firstRow();
    const finding = parseText(sampleText()).findings[0];
    assert.equal(finding?.ruleId, row['NVT OID']);
    assert.equal(finding?.title, row['NVT Name']);
    assert.equal(finding?.category, 'other');
    assert.equal(finding?.location.url, `${row['Port Protocol']}://${row['IP']}:${row['Port']}`);
    assert.equal(finding?.location.resourceName, row['IP']);
    assert.equal(finding?.sourcePointer, 'line 2');
  });

  it('describes summary and result', () => {
    const description = parseText(sampleText()).findings[0]?.description ?? '';
    assert.ok(description.startsWith(firstRow()['Summary'] ?? '-'));
    assert.match(description, /Detection result: The following weak client-to-server/);
  });

  it('reads a CVE list', () => {
    const text = sampleText().replace('1.3.6.1.4.1.25623.1.0.105611,,', '1.3.6.1.4.1.25623.1.0.105611,"CVE-2008-5161,CVE-2013-4548",');
    assert.deepEqual(parseText(text).findings[0]?.vulnerabilityIds, ['CVE-2008-5161', 'CVE-2013-4548']);
  });

  it('skips a row without NVT OID', () => {
    const parsed = parseText(sampleText().replace('1.3.6.1.4.1.25623.1.0.105611', ''));
    assert.equal(parsed.findings.length, 0);
    assert.ok(parsed.warnings.some((warning) => warning.location === 'line 2'));
  });

  it('rejects a CSV without the NVT OID column', () => {
    assert.throws(
      () => parseText('IP,Name\n10.0.0.1,x\n'),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape',
    );
  });
});
