import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat, parseReport as parseAnyReport } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { githubCodeScanningFormat } from './github-code-scanning.parser.js';

interface AlertJson {
  number: number;
  html_url: string;
  state: string;
  fixed_at: string | null;
  dismissed_reason: string | null;
  dismissed_comment: string | null;
  rule: { id: string; severity: string; description: string; tags: string[]; security_severity_level: string | null };
  tool: { name: string; guid: string | null; version: string };
  most_recent_instance: {
    message: { text: string };
    location: { path: string; start_line: number; end_line: number };
  };
}

const FOLDER = 'github-code-scanning-alerts';
const ALERTS = 'gh-code-scanning-rest_codeql_2-alerts.json';
const ZERO = 'gh-code-scanning-rest_zero.json';

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'gitleaks-7.4.0_defectdojo-repo.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-legacy-array_debian-10.8_93-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
  ['github-dependabot-alerts-graphql', 'gh-graphql-vulnerabilityAlerts_1-alert.json'],
];

function sampleAlerts(file: string): AlertJson[] {
  return readSampleJson(FOLDER, file) as AlertJson[];
}

function alertAt(alerts: AlertJson[], index: number): AlertJson {
  const alert = alerts[index];
  assert.ok(alert !== undefined);
  return alert;
}

function parseSample(file: string) {
  return githubCodeScanningFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseReport(report: unknown) {
  return githubCodeScanningFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

describe('githubCodeScanningFormat.detect', () => {
  it(`detects ${ALERTS}`, () => {
    assert.equal(githubCodeScanningFormat.detect(new ReportInput(readSample(FOLDER, ALERTS))), true);
  });

  it(`registry picks github-code-scanning for ${ALERTS}`, () => {
    assert.equal(detectFormat(new ReportInput(readSample(FOLDER, ALERTS)))?.id, 'github-code-scanning');
  });

  it('detects slurped pages', () => {
    const pages = [sampleAlerts(ALERTS), sampleAlerts(ALERTS)];
    assert.equal(githubCodeScanningFormat.detect(new ReportInput(Buffer.from(JSON.stringify(pages)))), true);
  });

  it('leaves the empty array undetected', () => {
    assert.equal(githubCodeScanningFormat.detect(new ReportInput(readSample(FOLDER, ZERO))), false);
  });

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(githubCodeScanningFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('githubCodeScanningFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every open alert of ${file}`, () => {
      const parsed = parseSample(file);

      assert.equal(parsed.findings.length, sampleAlerts(file).filter((alert) => alert.state !== 'fixed').length);
      assert.equal(parsed.complete, true);
      assert.deepEqual(parsed.warnings, []);
    });
  }

  it('reads the empty array with --tool', () => {
    assert.equal(parseAnyReport(readSample(FOLDER, ZERO), { toolHint: 'github-code-scanning' }).findings.length, 0);
  });

  it('rejects the empty array without --tool', () => {
    assert.throws(() => parseAnyReport(readSample(FOLDER, ZERO)), (error: unknown) => error instanceof ReportRejectedError && error.code === 'unknown_format');
  });

  it('leaves fixed alerts out', () => {
    const alerts = sampleAlerts(ALERTS);
    alertAt(alerts, 0).state = 'fixed';
    assert.equal(parseReport(alerts).findings.length, alerts.length - 1);
  });

  it('reads slurped pages', () => {
    const pages = [sampleAlerts(ALERTS), sampleAlerts(ALERTS).slice(1)];

    const parsed = parseReport(pages);

    assert.equal(parsed.findings.length, pages[0]!.length + pages[1]!.length);
    assert.equal(parsed.findings.at(-1)?.sourcePointer, '/1/0');
  });
});

describe('githubCodeScanningFormat.parse fields', () => {
  const alert = alertAt(sampleAlerts(ALERTS), 0);
  const finding = parseSample(ALERTS).findings[0];

  it('reads rule and location', () => {
    assert.equal(finding?.ruleId, alert.rule.id);
    assert.equal(finding?.title, alert.rule.description);
    assert.equal(finding?.category, 'sast');
    assert.equal(finding?.location.path, alert.most_recent_instance.location.path);
    assert.equal(finding?.location.startLine, alert.most_recent_instance.location.start_line);
    assert.equal(finding?.location.endLine, alert.most_recent_instance.location.end_line);
    assert.equal(finding?.sourcePointer, '/0');
  });

  it('maps security_severity_level high', () => {
    assert.equal(alert.rule.security_severity_level, 'high');
    assert.equal(finding?.severity, 'high');
    assert.equal(finding?.toolSeverity, 'high');
  });

  it('falls back to the rule level', () => {
    const alerts = sampleAlerts(ALERTS);
    alertAt(alerts, 0).rule.security_severity_level = 'None';
    alertAt(alerts, 0).rule.severity = 'note';

    const mapped = parseReport(alerts).findings[0];

    assert.equal(mapped?.severity, 'low');
    assert.equal(mapped?.toolSeverity, 'note');
  });

  it('reads CWE tags', () => {
    const cwes = alert.rule.tags.filter((tag) => tag.startsWith('external/cwe/')).map((tag) => `CWE-${Number(tag.split('-').at(-1))}`);
    assert.deepEqual(finding?.cwes, cwes);
  });

  it('strips leading zeros of CWE tags', () => {
    const second = parseSample(ALERTS).findings[1];
    assert.ok(alertAt(sampleAlerts(ALERTS), 1).rule.tags.includes('external/cwe/cwe-022'));
    assert.ok(second?.cwes.includes('CWE-22'));
  });

  it('uses the alert number as fingerprint', () => {
    assert.equal(finding?.fingerprint, String(alert.number));
  });

  it('reads the string None as null', () => {
    assert.equal(alert.fixed_at, 'None');
    assert.equal(alert.tool.guid, 'None');
    assert.equal(finding?.triage, null);
    assert.equal(finding?.description?.includes('None'), false);
  });

  it('names the repository as asset', () => {
    assert.equal(parseSample(ALERTS).assetName, alert.html_url.replace(/\/security\/code-scanning\/\d+$/, ''));
  });

  it('puts the message and tool in the description', () => {
    assert.ok(finding?.description?.includes(alert.most_recent_instance.message.text));
    assert.ok(finding?.description?.includes(`${alert.tool.name} ${alert.tool.version}`));
  });

  it('reads a false positive dismissal', () => {
    const alerts = sampleAlerts(ALERTS);
    alertAt(alerts, 0).state = 'dismissed';
    alertAt(alerts, 0).dismissed_reason = 'false positive';
    alertAt(alerts, 0).dismissed_comment = 'test data only';

    const triage = parseReport(alerts).findings[0]?.triage;

    assert.equal(triage?.state, 'false_positive');
    assert.equal(triage?.detail, 'test data only');
  });

  it("reads a won't fix dismissal as suppressed", () => {
    const alerts = sampleAlerts(ALERTS);
    alertAt(alerts, 0).state = 'dismissed';
    alertAt(alerts, 0).dismissed_reason = "won't fix";
    assert.equal(parseReport(alerts).findings[0]?.triage?.state, 'suppressed');
  });
});

describe('githubCodeScanningFormat.parse problems', () => {
  it('skips a malformed alert with a warning', () => {
    const alerts: unknown[] = sampleAlerts(ALERTS);
    alerts[1] = { number: 3, rule: {} };

    const parsed = parseReport(alerts);

    assert.equal(parsed.findings.length, alerts.length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/1'));
  });

  it('rejects an API error with its message', () => {
    const response = { message: 'Advanced Security must be enabled for this repository to use code scanning.', documentation_url: 'https://docs.github.com/rest', status: '403' };
    assert.throws(
      () => parseReport(response),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'tool_error' && error.message.includes('Advanced Security must be enabled'),
    );
  });

  it('rejects another object', () => {
    assert.throws(() => parseReport({ alerts: [] }), (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape');
  });
});
