import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { MAX_PLUGIN_OUTPUT } from './nessus.item.js';
import { nessusFormat } from './nessus.parser.js';

const FOLDER = 'nessus';
const ONE_HOST = 'nessus-v2_1-host_7-items.nessus.xml';
const WAS = 'nessus-was_no-vulns.xml';
const XML_FILES = sampleFiles(FOLDER).filter((file) => file.endsWith('.xml'));
const CSV_FILES = sampleFiles(FOLDER).filter((file) => file.endsWith('.csv'));

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'semgrep-oss-1.69.0_juice-shop_77-results.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-dev_image_alpine-3.10_schema2_4-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
  ['openvas', 'openvas_1-result.xml'],
  ['zap-xml', 'zap-2.10.0_juice-shop-herokuapp.xml'],
  ['dependency-check-xml', 'dependency-check-6.5.3_schema-2.5_1-vuln.xml'],
];

function sampleText(file: string): string {
  return readSample(FOLDER, file).toString('utf8');
}

function parseText(text: string) {
  return nessusFormat.parse(new ReportInput(Buffer.from(text)));
}

/** Text of each <ReportItem> in order. */
function reportItems(text: string): string[] {
  return text.split('<ReportItem ').slice(1);
}

/** Returns the sample with extra children added to its first ReportItem, after its plugin_output. */
function withFirstItemExtras(extras: string, severity = '0'): string {
  const text = sampleText(ONE_HOST);
  const first = reportItems(text)[0] ?? '';
  const changed = first.replace('severity="0"', `severity="${severity}"`).replace('</plugin_output>', `</plugin_output>${extras}`);
  return text.replace(first, changed);
}

describe('nessusFormat.detect', () => {
  for (const file of XML_FILES) {
    it(`detects ${file}`, () => {
      assert.equal(nessusFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks nessus for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'nessus');
    });
  }

  for (const file of CSV_FILES) {
    it(`leaves ${file} to nessus-csv`, () => {
      assert.equal(nessusFormat.detect(new ReportInput(readSample(FOLDER, file))), false);
    });
  }

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(nessusFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('nessusFormat.parse counts', () => {
  for (const file of XML_FILES) {
    it(`finds every ReportItem of ${file}`, () => {
      const parsed = parseText(sampleText(file));
      assert.equal(parsed.findings.length, reportItems(sampleText(file)).length);
      assert.equal(parsed.complete, true);
    });
  }

  it('reads a WAS report without items', () => {
    const parsed = parseText(sampleText(WAS));
    assert.equal(reportItems(sampleText(WAS)).length, 0);
    assert.equal(parsed.findings.length, 0);
    assert.equal(parsed.assetName, 'http://google.com/');
  });
});

describe('nessusFormat.parse fields', () => {
  it('maps severity 0 to info', () => {
    const item = reportItems(sampleText(ONE_HOST))[5] ?? '';
    const finding = parseText(sampleText(ONE_HOST)).findings[5];
    assert.match(item, /severity="0"/);
    assert.equal(finding?.severity, 'info');
    assert.equal(finding?.toolSeverity, 'None');
  });

  for (const [level, severity] of [
    ['1', 'low'],
    ['2', 'medium'],
    ['3', 'high'],
    ['4', 'critical'],
  ] as const) {
    it(`maps severity ${level} to ${severity}`, () => {
      assert.equal(parseText(withFirstItemExtras('', level)).findings[0]?.severity, severity);
    });
  }

  it('reads host, port and plugin', () => {
    const item = reportItems(sampleText(ONE_HOST))[5] ?? '';
    const finding = parseText(sampleText(ONE_HOST)).findings[5];
    assert.match(item, /^port="443" svc_name="https\?" protocol="tcp"/);
    assert.equal(finding?.category, 'other');
    assert.equal(finding?.location.url, 'tcp://preprod.example.net:443');
    assert.equal(finding?.location.resourceName, 'preprod.example.net');
    assert.equal(finding?.ruleId, /pluginID="(\d+)"/.exec(item)?.[1]);
    assert.equal(finding?.title, /pluginName="([^"]+)"/.exec(item)?.[1]);
    assert.equal(finding?.sourcePointer, '/NessusClientData_v2/Report[1]/ReportHost[1]/ReportItem[6]');
  });

  it('leaves the URL unset for port 0', () => {
    assert.match(reportItems(sampleText(ONE_HOST))[0] ?? '', /^port="0"/);
    assert.equal(parseText(sampleText(ONE_HOST)).findings[0]?.location.url, null);
  });

  it('reads CVEs, vectors and CWE', () => {
    const extras = [
      '<cve>CVE-2021-44228</cve>',
      '<cve>CVE-2021-45046</cve>',
      '<cvss3_vector>CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H</cvss3_vector>',
      '<cvss_vector>CVSS2#AV:N/AC:M/Au:N/C:C/I:C/A:C</cvss_vector>',
      '<xref>CWE:502</xref>',
    ].join('\n');

    const finding = parseText(withFirstItemExtras(extras, '4')).findings[0];

    assert.deepEqual(finding?.vulnerabilityIds, ['CVE-2021-44228', 'CVE-2021-45046']);
    assert.deepEqual(
      finding?.cvss.map((cvss) => [cvss.version, cvss.vector, cvss.baseScore]),
      [
        ['3.0', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
        ['2.0', 'AV:N/AC:M/Au:N/C:C/I:C/A:C', 9.3],
      ],
    );
    assert.deepEqual(finding?.cwes, ['CWE-502']);
  });

  it('warns about an invalid vector', () => {
    const parsed = parseText(withFirstItemExtras('<cvss3_vector>CVSS:3.0/AV:X</cvss3_vector>'));
    assert.deepEqual(parsed.findings[0]?.cvss, []);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/NessusClientData_v2/Report[1]/ReportHost[1]/ReportItem[1]/cvss3_vector[1]'));
  });

  it('clips the plugin output', () => {
    const text = sampleText(ONE_HOST);
    const first = reportItems(text)[0] ?? '';
    const output = `begin ${'x'.repeat(MAX_PLUGIN_OUTPUT * 3)} end`;
    const changed = text.replace(first, first.replace(/<plugin_output>[\s\S]*?<\/plugin_output>/, `<plugin_output>${output}</plugin_output>`));

    const description = parseText(changed).findings[0]?.description ?? '';

    assert.ok(description.includes('begin xxx'));
    assert.equal(description.includes(' end'), false);
  });

  it('names the single host as asset', () => {
    assert.equal(parseText(sampleText(ONE_HOST)).assetName, 'preprod.example.net');
  });
});

describe('nessusFormat.parse problems', () => {
  it('skips an item without pluginID', () => {
    const text = sampleText(ONE_HOST);
    const second = reportItems(text)[1] ?? '';
    const corrupted = text.replace(second, second.replace(/pluginID="\d+" /, ''));
    assert.notEqual(corrupted, text);

    const parsed = parseText(corrupted);

    assert.equal(parsed.findings.length, reportItems(text).length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/NessusClientData_v2/Report[1]/ReportHost[1]/ReportItem[2]'));
  });

  it('rejects a DTD', () => {
    const text = sampleText(WAS).replace('<?xml version="1.0" ?>', '<?xml version="1.0" ?>\n<!DOCTYPE x [<!ENTITY a "b">]>');
    assert.throws(
      () => parseText(text),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'xml_dtd_rejected' && error.location === 'line 2',
    );
  });

  it('rejects another root element', () => {
    assert.throws(
      () => parseText('<NessusClientData><Report/></NessusClientData>'),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape',
    );
  });
});
