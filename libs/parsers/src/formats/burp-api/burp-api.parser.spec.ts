import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { burpApiFormat } from './burp-api.parser.js';

interface BurpIssueJson {
  name: string;
  type_index: number;
  origin: string;
  path: string;
  severity: string;
  caption: string;
  evidence?: Array<{ request_response?: { request: Array<{ data: string }> } }>;
}

interface BurpScanJson {
  scan_status: string;
  message: string;
  scan_metrics: { issue_events: number };
  issue_events: Array<{ id: string; type: string; issue: BurpIssueJson }>;
}

const FOLDER = 'burp-api-json';
const JUICE_SHOP = 'burp-enterprise-api_juice-shop_25-issues.json';

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
  ['nuclei', 'nuclei-v3_json-export-array_6-results.json'],
];

function sampleReport(): BurpScanJson {
  return readSampleJson(FOLDER, JUICE_SHOP) as BurpScanJson;
}

function parseReport(report: unknown) {
  return burpApiFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function issueAt(report: BurpScanJson, index: number): BurpIssueJson {
  const issue = report.issue_events[index]?.issue;
  assert.ok(issue !== undefined);
  return issue;
}

describe('burpApiFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(burpApiFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks burp-api for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'burp-api');
    });
  }

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(burpApiFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('burpApiFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every issue event of ${file}`, () => {
      const report = readSampleJson(FOLDER, file) as BurpScanJson;
      assert.equal(parseReport(report).findings.length, report.issue_events.length);
    });
  }

  it('marks an unfinished scan incomplete', () => {
    const report = sampleReport();
    const parsed = parseReport(report);
    assert.equal(report.scan_status, 'auditing');
    assert.equal(parsed.complete, false);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/scan_status'));
  });

  it('marks a succeeded scan complete', () => {
    const report = { ...sampleReport(), scan_status: 'succeeded' };
    const parsed = parseReport(report);
    assert.equal(parsed.complete, true);
    assert.deepEqual(parsed.warnings, []);
  });

  it('warns when the issue count disagrees', () => {
    const report = sampleReport();
    report.scan_metrics.issue_events = report.issue_events.length + 5;
    const parsed = parseReport(report);
    assert.equal(parsed.findings.length, report.issue_events.length);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/scan_metrics/issue_events'));
  });
});

describe('burpApiFormat.parse fields', () => {
  it('maps info to info', () => {
    assert.equal(issueAt(sampleReport(), 0).severity, 'info');
    assert.equal(parseReport(sampleReport()).findings[0]?.severity, 'info');
  });

  it('maps low to low', () => {
    assert.equal(issueAt(sampleReport(), 2).severity, 'low');
    assert.equal(parseReport(sampleReport()).findings[2]?.severity, 'low');
  });

  it('maps high to high', () => {
    const report = sampleReport();
    issueAt(report, 0).severity = 'high';
    assert.equal(parseReport(report).findings[0]?.severity, 'high');
  });

  it('reads the numeric type_index as rule', () => {
    const issue = issueAt(sampleReport(), 0);
    assert.equal(typeof issue.type_index, 'number');
    assert.equal(parseReport(sampleReport()).findings[0]?.ruleId, String(issue.type_index));
  });

  it('reads URL and method', () => {
    const issue = issueAt(sampleReport(), 0);
    const finding = parseReport(sampleReport()).findings[0];
    const firstSegment = issue.evidence?.[0]?.request_response?.request[0]?.data ?? '';
    assert.equal(finding?.category, 'dast');
    assert.equal(finding?.location.url, `${issue.origin}${issue.path}`);
    assert.equal(finding?.location.method, Buffer.from(firstSegment, 'base64').toString('latin1').trim());
    assert.equal(finding?.sourcePointer, '/issue_events/0/issue');
  });

  it('leaves the method unset without evidence', () => {
    const issue = issueAt(sampleReport(), 1);
    assert.deepEqual(issue.evidence, []);
    assert.equal(parseReport(sampleReport()).findings[1]?.location.method, null);
  });

  it('reads the parameter from the caption', () => {
    const report = sampleReport();
    issueAt(report, 0).caption = '/search [q parameter]';
    assert.equal(parseReport(report).findings[0]?.location.parameter, 'q');
  });

  it('stores no request or response', () => {
    const report = sampleReport();
    const serialized = JSON.stringify(parseReport(report).findings);
    const segments = report.issue_events.flatMap((event) => (event.issue.evidence ?? []).flatMap((entry) => entry.request_response?.request ?? []));
    const long = segments.find((segment) => segment.data.length > 40);
    assert.ok(long !== undefined);
    assert.equal(serialized.includes(long.data.slice(0, 40)), false);
    assert.equal(serialized.includes('Host: juice-shop'), false);
  });

  it('names the origin as asset', () => {
    assert.equal(parseReport(sampleReport()).assetName, issueAt(sampleReport(), 0).origin);
  });
});

describe('burpApiFormat.parse problems', () => {
  it('skips a malformed event with a warning', () => {
    const report = sampleReport();
    const total = report.issue_events.length;
    (report.issue_events as unknown[])[5] = 'not an event';

    const parsed = parseReport(report);

    assert.equal(parsed.findings.length, total - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/issue_events/5'));
  });

  it('skips an issue without name or type', () => {
    const report = sampleReport();
    const issue = issueAt(report, 7);
    Reflect.deleteProperty(issue, 'name');
    Reflect.deleteProperty(issue, 'type_index');

    const parsed = parseReport(report);

    assert.equal(parsed.findings.length, report.issue_events.length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/issue_events/7'));
  });

  it('rejects a failed scan without issues', () => {
    const report = { ...sampleReport(), scan_status: 'failed', message: 'Unable to resolve host', issue_events: [] };
    assert.throws(
      () => parseReport(report),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'tool_error' && error.message.includes('Unable to resolve host'),
    );
  });

  it('keeps issues of a failed scan', () => {
    const report = { ...sampleReport(), scan_status: 'failed' };
    const parsed = parseReport(report);
    assert.equal(parsed.findings.length, report.issue_events.length);
    assert.equal(parsed.complete, false);
  });
});
