import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { zapXmlFormat } from './zap-xml.parser.js';

const FOLDER = 'zap-xml';
const JUICE_SHOP = 'zap-2.10.0_juice-shop-herokuapp.xml';
const WITH_BODIES = 'zap-2.16.1_with-req-resp.xml';
const EMPTY = 'zap-2.9.0_empty.xml';
const PLUS = 'zap_xml-plus-format.xml';

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'semgrep-oss-1.69.0_juice-shop_77-results.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-dev_image_alpine-3.10_schema2_4-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
  ['zap-json', 'zap-2.9.0_baseline_bodgeit_20-alerts.json'],
  ['burp-xml', 'burp-2020.12.1_1-issue_cwe.xml'],
  ['nessus', 'nessus-was_no-vulns.xml'],
];

function sampleText(file: string): string {
  return readSample(FOLDER, file).toString('utf8');
}

function parseText(text: string) {
  return zapXmlFormat.parse(new ReportInput(Buffer.from(text)));
}

/** Text of each <alertitem> of a report, in order. */
function alertItems(text: string): string[] {
  return text.split('<alertitem>').slice(1);
}

function element(text: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1];
}

/** Counts the findings expected: one per listed <instance>, and one for an alert without instances. */
function expectedCount(text: string): number {
  return alertItems(text).reduce((sum, item) => sum + Math.max(item.split('<instance>').length - 1, 1), 0);
}

describe('zapXmlFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(zapXmlFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks zap-xml for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'zap-xml');
    });
  }

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(zapXmlFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('zapXmlFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every instance of ${file}`, () => {
      assert.equal(parseText(sampleText(file)).findings.length, expectedCount(sampleText(file)));
    });
  }

  it('reads the empty report', () => {
    assert.equal(alertItems(sampleText(EMPTY)).length, 0);
    assert.equal(parseText(sampleText(EMPTY)).findings.length, 0);
  });

  it('marks truncated instance lists incomplete', () => {
    const first = alertItems(sampleText(JUICE_SHOP))[0] ?? '';
    assert.ok(Number(element(first, 'count')) > first.split('<instance>').length - 1);
    assert.equal(parseText(sampleText(JUICE_SHOP)).complete, false);
  });
});

describe('zapXmlFormat.parse fields', () => {
  it('maps riskcode 1 to low', () => {
    const first = alertItems(sampleText(JUICE_SHOP))[0] ?? '';
    const finding = parseText(sampleText(JUICE_SHOP)).findings[0];
    assert.equal(element(first, 'riskcode'), '1');
    assert.equal(finding?.severity, 'low');
    assert.equal(finding?.toolSeverity, 'Low');
  });

  it('maps riskcode 0 to info', () => {
    const first = alertItems(sampleText(WITH_BODIES))[0] ?? '';
    assert.equal(element(first, 'riskcode'), '0');
    assert.equal(parseText(sampleText(WITH_BODIES)).findings[0]?.severity, 'info');
  });

  it('maps riskcode 2 to medium', () => {
    const first = alertItems(sampleText(PLUS))[0] ?? '';
    assert.equal(element(first, 'riskcode'), '2');
    assert.equal(parseText(sampleText(PLUS)).findings[0]?.severity, 'medium');
  });

  it('reads the first instance', () => {
    const first = alertItems(sampleText(JUICE_SHOP))[0] ?? '';
    const instance = first.split('<instance>')[1] ?? '';
    const finding = parseText(sampleText(JUICE_SHOP)).findings[0];
    assert.equal(finding?.category, 'dast');
    assert.equal(finding?.location.url, element(instance, 'uri'));
    assert.equal(finding?.location.method, element(instance, 'method'));
    assert.equal(finding?.location.parameter, element(instance, 'param'));
    assert.equal(finding?.ruleId, element(first, 'pluginid'));
    assert.deepEqual(finding?.cwes, [`CWE-${element(first, 'cweid')}`]);
    assert.equal(finding?.sourcePointer, '/OWASPZAPReport/site[1]/alerts[1]/alertitem[1]/instances[1]/instance[1]');
  });

  it('unescapes and strips the HTML description', () => {
    const first = alertItems(sampleText(JUICE_SHOP))[0] ?? '';
    const description = parseText(sampleText(JUICE_SHOP)).findings[0]?.description ?? '';
    assert.ok(element(first, 'desc')?.startsWith('&lt;p&gt;The cache-control header'));
    assert.ok(description.startsWith('The cache-control header'));
  });

  it('stores no request or response bodies', () => {
    const body = element(sampleText(PLUS), 'requestbody')?.replace(/&quot;/g, '"') ?? '';
    const serialized = JSON.stringify(parseText(sampleText(PLUS)).findings);
    assert.ok(body.length > 10);
    assert.equal(serialized.includes(body), false);
    assert.equal(serialized.includes('Apache Tomcat/8.0.37 - Error report'), false);
  });

  it('names version and site', () => {
    const parsed = parseText(sampleText(JUICE_SHOP));
    assert.deepEqual(parsed.tool, { name: 'zap', version: '2.10.0' });
    assert.equal(parsed.assetName, 'https://juice-shop.herokuapp.com');
  });
});

describe('zapXmlFormat.parse problems', () => {
  it('skips a malformed alert with a warning', () => {
    const text = sampleText(JUICE_SHOP);
    const second = alertItems(text)[1] ?? '';
    const removed = second.split('<instance>').length - 1;
    const corrupted = text.replace(/<pluginid>10017<\/pluginid>\s*<alertRef>10017<\/alertRef>\s*<alert>[^<]*<\/alert>\s*<name>[^<]*<\/name>/, '');
    assert.notEqual(corrupted, text);

    const parsed = parseText(corrupted);

    assert.equal(parsed.findings.length, expectedCount(text) - removed);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/OWASPZAPReport/site[1]/alerts[1]/alertitem[2]'));
  });

  it('skips an instance without uri', () => {
    const text = sampleText(WITH_BODIES);
    const corrupted = text.replace(/<uri>[^<]*<\/uri>/, '');

    const parsed = parseText(corrupted);

    assert.equal(parsed.findings.length, expectedCount(text) - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/OWASPZAPReport/site[1]/alerts[1]/alertitem[1]/instances[1]/instance[1]'));
  });

  it('rejects an added DTD', () => {
    const text = sampleText(EMPTY).replace('<?xml version="1.0"?>', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>');
    assert.throws(
      () => parseText(text),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'xml_dtd_rejected' && error.location === 'line 1',
    );
  });

  it('rejects a truncated report', () => {
    const text = sampleText(JUICE_SHOP);
    assert.throws(
      () => parseText(text.slice(0, text.length / 2)),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'truncated_xml',
    );
  });
});
