import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { openvasFormat } from './openvas.parser.js';

const FOLDER = 'openvas';
const ONE_RESULT = 'openvas_1-result.xml';
const NO_RESULTS = 'openvas_no-results.xml';
const XML_FILES = sampleFiles(FOLDER).filter((file) => file.endsWith('.xml'));
const CSV_FILES = sampleFiles(FOLDER).filter((file) => file.endsWith('.csv'));
const RESULT_PATH = '/report/report[1]/results[1]/result[1]';

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'semgrep-oss-1.69.0_juice-shop_77-results.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-dev_image_alpine-3.10_schema2_4-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
  ['nessus', 'nessus-v2_1-host_7-items.nessus.xml'],
  ['zap-xml', 'zap-2.9.0_empty.xml'],
  ['dependency-check-xml', 'dependency-check-6.5.3_empty.xml'],
];

function sampleText(file = ONE_RESULT): string {
  return readSample(FOLDER, file).toString('utf8');
}

function parseText(text: string) {
  return openvasFormat.parse(new ReportInput(Buffer.from(text)));
}

/** Text of each <result> element (not <result_count>) in order. */
function results(text: string): string[] {
  return text.split(/<result[\s>]/).slice(1);
}

function withThreat(threat: string, extra = ''): string {
  return sampleText().replace('<threat>High</threat><severity>10.0</severity>', `<threat>${threat}</threat><severity>10.0</severity>${extra}`);
}

describe('openvasFormat.detect', () => {
  for (const file of XML_FILES) {
    it(`detects ${file}`, () => {
      assert.equal(openvasFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks openvas for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'openvas');
    });
  }

  for (const file of CSV_FILES) {
    it(`leaves ${file} to openvas-csv`, () => {
      assert.equal(openvasFormat.detect(new ReportInput(readSample(FOLDER, file))), false);
    });
  }

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(openvasFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('openvasFormat.parse counts', () => {
  for (const file of XML_FILES) {
    it(`finds every result of ${file}`, () => {
      const parsed = parseText(sampleText(file));
      assert.equal(parsed.findings.length, results(sampleText(file)).length);
      assert.equal(parsed.complete, true);
    });
  }

  it('reads the report without results', () => {
    assert.equal(results(sampleText(NO_RESULTS)).length, 0);
    assert.equal(parseText(sampleText(NO_RESULTS)).findings.length, 0);
  });

  it('warns when result_count disagrees', () => {
    assert.match(sampleText(), /<result_count>0<full>0<\/full><filtered>0<\/filtered>/);
    const parsed = parseText(sampleText());
    assert.equal(parsed.findings.length, 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/report/report[1]/result_count[1]/filtered[1]'));
  });

  it('marks a running scan incomplete', () => {
    const parsed = parseText(sampleText().replace('<scan_run_status>Done</scan_run_status>', '<scan_run_status>Running</scan_run_status>'));
    assert.equal(parsed.complete, false);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/report/report[1]/scan_run_status[1]'));
  });
});

describe('openvasFormat.parse fields', () => {
  it('maps High to high', () => {
    const finding = parseText(sampleText()).findings[0];
    assert.match(results(sampleText())[0] ?? '', /<threat>High<\/threat>/);
    assert.equal(finding?.severity, 'high');
    assert.equal(finding?.toolSeverity, 'High');
  });

  it('maps Log to info', () => {
    assert.equal(parseText(withThreat('Log')).findings[0]?.severity, 'info');
  });

  it('maps Medium to medium', () => {
    assert.equal(parseText(withThreat('Medium')).findings[0]?.severity, 'medium');
  });

  it('falls back to the severity score', () => {
    const text = sampleText().replace('<threat>High</threat><severity>10.0</severity>', '<severity>5.0</severity>');
    assert.equal(parseText(text).findings[0]?.severity, 'medium');
  });

  it('reads a false positive override', () => {
    const finding = parseText(withThreat('False Positive')).findings[0];
    assert.equal(finding?.triage?.state, 'false_positive');
    assert.equal(finding?.severity, 'high');
  });

  it('reads NVT, host and port', () => {
    const result = results(sampleText())[0] ?? '';
    const finding = parseText(sampleText()).findings[0];
    assert.equal(finding?.ruleId, /<nvt oid="([^"]+)"/.exec(result)?.[1]);
    assert.equal(finding?.title, /<nvt oid="[^"]+"><type>nvt<\/type><name>([^<]+)<\/name>/.exec(result)?.[1]);
    assert.equal(finding?.category, 'other');
    assert.equal(finding?.location.resourceName, /<host>([\d.]+)</.exec(result)?.[1]);
    assert.equal(finding?.location.url, null);
    assert.equal(finding?.sourcePointer, RESULT_PATH);
  });

  it('builds a service URL for a numbered port', () => {
    const text = sampleText().replace('<port>general/tcp</port><nvt', '<port>443/tcp</port><nvt');
    assert.equal(parseText(text).findings[0]?.location.url, 'tcp://10.0.101.2:443');
  });

  it('reads CVE references in order', () => {
    const cves = [...(results(sampleText())[0] ?? '').matchAll(/<ref id="(CVE-[\d-]+)" type="cve"\/>/g)].map((match) => match[1]);
    assert.equal(cves.length, 12);
    assert.deepEqual(parseText(sampleText()).findings[0]?.vulnerabilityIds, cves);
  });

  it('reads URL references', () => {
    assert.deepEqual(parseText(sampleText()).findings[0]?.references, ['https://www.mozilla.org/en-US/security/advisories/mfsa2023-34/']);
  });

  it('reads vectors of severities and tags', () => {
    const severities = '<severities score="10.0"><severity type="cvss_base_v3"><origin>NVD</origin><value>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</value></severity></severities>';
    const text = sampleText().replace('<refs>', `${severities}<refs>`).replace('<tags>summary=', '<tags>cvss_base_vector=AV:N/AC:L/Au:N/C:C/I:C/A:C|summary=');

    const cvss = parseText(text).findings[0]?.cvss ?? [];

    assert.deepEqual(
      cvss.map((entry) => [entry.version, entry.baseScore, entry.source]),
      [
        ['3.1', 9.8, 'NVD'],
        ['2.0', 10, null],
      ],
    );
  });

  it('describes summary, result and solution', () => {
    const description = parseText(sampleText()).findings[0]?.description ?? '';
    assert.ok(description.startsWith('Mozilla Firefox is prone to multiple vulnerabilities.'));
    assert.match(description, /Detection result: Installed version: 116\.0\.3/);
    assert.match(description, /Solution: Upgrade to version 117 or later/);
  });
});

describe('openvasFormat.parse problems', () => {
  it('skips a result without NVT oid', () => {
    const parsed = parseText(sampleText().replace(/<nvt oid="[^"]+">/, '<nvt>'));
    assert.equal(parsed.findings.length, 0);
    assert.ok(parsed.warnings.some((warning) => warning.location === RESULT_PATH));
  });

  it('rejects a GMP error response', () => {
    const text = '<get_reports_response status="404" status_text="Failed to find report"/>';
    assert.throws(
      () => parseText(text),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'tool_error' && error.message.includes('Failed to find report'),
    );
  });

  it('rejects a DTD', () => {
    const text = `<!DOCTYPE report [<!ENTITY x SYSTEM "http://example.com/">]>\n${sampleText(NO_RESULTS).replace('<?xml version="1.0" ?>', '')}`;
    assert.throws(
      () => parseText(text),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'xml_dtd_rejected' && error.location === 'line 1',
    );
  });
});
