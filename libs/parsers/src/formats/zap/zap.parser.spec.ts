import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { zapFormat } from './zap.parser.js';

interface ZapInstanceJson {
  uri?: string;
  method?: string;
  param?: string;
  evidence?: string;
  [key: string]: unknown;
}

interface ZapAlertJson {
  pluginid: string;
  name: string;
  riskcode: string;
  confidence: string;
  riskdesc: string;
  desc: string;
  cweid: string;
  wascid: string;
  count: string;
  reference: string;
  instances: ZapInstanceJson[];
}

interface ZapReportJson {
  '@version': string;
  site: Array<{ '@name': string; alerts: ZapAlertJson[] }>;
}

const FOLDER = 'zap-json';
const BODGEIT = 'zap-2.9.0_baseline_bodgeit_20-alerts.json';
const PLUS = 'zap-dev_traditional-json-plus_escaping.json';
const MINIMAL = 'zap-dev_traditional-json_minimal.json';
const PETSTORE = 'zap-weekly-D-2020-06-24_api-scan_petstore.json';

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'semgrep-oss-1.69.0_juice-shop_77-results.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-dev_image_alpine-3.10_schema2_4-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
  ['zap-xml', 'zap-2.16.1_with-req-resp.xml'],
  ['burp-api-json', 'burp-enterprise-api_juice-shop_25-issues.json'],
  ['nuclei', 'nuclei-v3_json-export-array_6-results.json'],
];

function sampleReport(file: string): ZapReportJson {
  return readSampleJson(FOLDER, file) as ZapReportJson;
}

function parseSample(file: string) {
  return zapFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseReport(report: unknown) {
  return zapFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function alertAt(report: ZapReportJson, index: number): ZapAlertJson {
  const alert = report.site[0]?.alerts[index];
  assert.ok(alert !== undefined);
  return alert;
}

/** Counts the findings expected: one per listed instance, and one for an alert without instances. */
function expectedCount(report: ZapReportJson): number {
  return report.site.reduce((sum, site) => sum + site.alerts.reduce((inner, alert) => inner + Math.max(alert.instances.length, 1), 0), 0);
}

describe('zapFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(zapFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks zap for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'zap');
    });
  }

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(zapFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('zapFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every instance of ${file}`, () => {
      assert.equal(parseSample(file).findings.length, expectedCount(sampleReport(file)));
    });
  }

  it('marks truncated instance lists incomplete', () => {
    const report = sampleReport(BODGEIT);
    const alert = alertAt(report, 0);
    assert.ok(Number(alert.count) > alert.instances.length);

    const parsed = parseSample(BODGEIT);

    assert.equal(parsed.complete, false);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/site/0/alerts/0'));
  });

  it('keeps complete lists complete', () => {
    assert.equal(parseSample(MINIMAL).complete, true);
  });
});

describe('zapFormat.parse fields', () => {
  it('maps riskcode 3 to high', () => {
    assert.equal(alertAt(sampleReport(MINIMAL), 0).riskcode, '3');
    assert.equal(parseSample(MINIMAL).findings[0]?.severity, 'high');
  });

  it('maps riskcode 1 to low', () => {
    const alert = alertAt(sampleReport(BODGEIT), 0);
    const finding = parseSample(BODGEIT).findings[0];
    assert.equal(alert.riskcode, '1');
    assert.equal(finding?.severity, 'low');
    assert.equal(finding?.toolSeverity, 'Low');
  });

  it('maps riskcode 0 to info', () => {
    const report = sampleReport(BODGEIT);
    const index = report.site[0]?.alerts.findIndex((alert) => alert.riskcode === '0') ?? -1;
    const findingIndex = report.site[0]?.alerts.slice(0, index).reduce((sum, alert) => sum + alert.instances.length, 0) ?? -1;
    assert.ok(index > 0);
    assert.equal(parseSample(BODGEIT).findings[findingIndex]?.severity, 'info');
  });

  it('maps riskcode 2 to medium', () => {
    const report = sampleReport(PETSTORE);
    const first = alertAt(report, 0);
    const second = alertAt(report, 1);
    assert.equal(second.riskcode, '2');
    assert.equal(parseSample(PETSTORE).findings[first.instances.length]?.severity, 'medium');
  });

  it('leaves an unknown riskcode unknown', () => {
    const report = sampleReport(MINIMAL);
    alertAt(report, 0).riskcode = '7';
    assert.equal(parseReport(report).findings[0]?.severity, 'unknown');
  });

  it('takes the risk code for unresolved riskdesc', () => {
    const alert = alertAt(sampleReport(MINIMAL), 0);
    assert.match(alert.riskdesc, /^!/);
    assert.equal(parseSample(MINIMAL).findings[0]?.toolSeverity, alert.riskcode);
  });

  it('reads the instance location', () => {
    const instance = alertAt(sampleReport(MINIMAL), 0).instances[0];
    const finding = parseSample(MINIMAL).findings[0];
    assert.equal(finding?.category, 'dast');
    assert.equal(finding?.location.url, instance?.uri);
    assert.equal(finding?.location.method, instance?.method);
    assert.equal(finding?.location.parameter, instance?.param);
    assert.equal(finding?.sourcePointer, '/site/0/alerts/0/instances/0');
  });

  it('reads rule, CWE and WASC', () => {
    const alert = alertAt(sampleReport(BODGEIT), 0);
    const finding = parseSample(BODGEIT).findings[0];
    assert.equal(finding?.ruleId, alert.pluginid);
    assert.deepEqual(finding?.cwes, [`CWE-${alert.cweid}`]);
    assert.match(finding?.description ?? '', new RegExp(`WASC-${alert.wascid}\\b`));
  });

  it('skips CWE -1', () => {
    const report = sampleReport(MINIMAL);
    alertAt(report, 0).cweid = '-1';
    assert.deepEqual(parseReport(report).findings[0]?.cwes, []);
  });

  it('strips HTML from the description', () => {
    const alert = alertAt(sampleReport(BODGEIT), 0);
    const description = parseSample(BODGEIT).findings[0]?.description ?? '';
    assert.ok(alert.desc.startsWith('<p>'));
    assert.ok(description.startsWith(alert.desc.slice(3, 60)));
    assert.equal(description.includes('<p>'), false);
  });

  it('reads reference URLs', () => {
    const alert = alertAt(sampleReport(BODGEIT), 1);
    const url = /https?:\/\/[^<\s]+/.exec(alert.reference)?.[0];
    assert.ok(url !== undefined);
    assert.ok(parseSample(BODGEIT).findings[alertAt(sampleReport(BODGEIT), 0).instances.length]?.references.includes(url));
  });

  it('clips long evidence', () => {
    const report = sampleReport(MINIMAL);
    const evidence = `start-${'e'.repeat(5000)}-end`;
    const first = alertAt(report, 0).instances[0];
    assert.ok(first !== undefined);
    first.evidence = evidence;

    const description = parseReport(report).findings[0]?.description ?? '';

    assert.ok(description.includes('start-eeee'));
    assert.equal(description.includes('-end'), false);
  });

  it('stores no request or response', () => {
    const instance = alertAt(sampleReport(PLUS), 0).instances[0];
    const finding = JSON.stringify(parseSample(PLUS).findings[0]);
    assert.equal(typeof instance?.['response-body'], 'string');
    assert.equal(finding.includes(String(instance?.['response-body'])), false);
    assert.equal(finding.includes(String(instance?.['request-body'])), false);
  });

  it('normalises the URL', () => {
    const report = sampleReport(MINIMAL);
    const first = alertAt(report, 0).instances[0];
    assert.ok(first !== undefined);
    first.uri = 'HTTP://Example.COM/Path?q=1#frag';
    assert.equal(parseReport(report).findings[0]?.location.url, 'http://example.com/Path?q=1');
  });

  it('reads confidence 0 as false positive', () => {
    const report = sampleReport(MINIMAL);
    alertAt(report, 0).confidence = '0';
    assert.equal(parseReport(report).findings[0]?.triage?.state, 'false_positive');
  });

  it('names version and site', () => {
    const report = sampleReport(BODGEIT);
    const parsed = parseSample(BODGEIT);
    assert.deepEqual(parsed.tool, { name: 'zap', version: report['@version'] });
    assert.equal(parsed.assetName, report.site[0]?.['@name']);
  });
});

describe('zapFormat.parse problems', () => {
  it('skips a malformed alert with a warning', () => {
    const report = sampleReport(BODGEIT);
    const total = expectedCount(report);
    const removed = alertAt(report, 3).instances.length;
    (report.site[0]?.alerts as unknown[])[3] = 42;

    const parsed = parseReport(report);

    assert.equal(parsed.findings.length, total - removed);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/site/0/alerts/3'));
  });

  it('skips an instance without uri', () => {
    const report = sampleReport(PETSTORE);
    const total = expectedCount(report);
    Reflect.deleteProperty(alertAt(report, 0).instances[2] ?? {}, 'uri');

    const parsed = parseReport(report);

    assert.equal(parsed.findings.length, total - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/site/0/alerts/0/instances/2'));
  });

  it('ignores an object without site', () => {
    assert.equal(zapFormat.detect(new ReportInput(Buffer.from(JSON.stringify({ '@version': '2.9.0' })))), false);
  });

  it('rejects a site value of the wrong type', () => {
    assert.throws(
      () => parseReport({ '@version': '2.9.0', site: 5 }),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape',
    );
  });
});
