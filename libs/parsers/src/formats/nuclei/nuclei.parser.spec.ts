import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, sampleFiles } from '@sieve/testing';
import { detectFormat, parseReport } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { nucleiFormat } from './nuclei.parser.js';

type NucleiResultJson = Record<string, unknown> & { info: Record<string, unknown> };

const FOLDER = 'nuclei';
const LEGACY = 'nuclei-v2-legacy_18-results.jsonl';
const EXPORT_ARRAY = 'nuclei-v3_json-export-array_6-results.json';
const JSONL = 'nuclei-v3_jsonl_2-results.jsonl';
const EMPTY = 'nuclei_empty.jsonl';
const LOG4SHELL = 'nuclei_log4shell_CVE-2021-44228.jsonl';
const NON_EMPTY = sampleFiles(FOLDER).filter((file) => file !== EMPTY);

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'semgrep-oss-1.69.0_juice-shop_77-results.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-dev_image_alpine-3.10_schema2_4-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
  ['trufflehog-jsonl', 'trufflehog-v3_git_4-results.jsonl'],
  ['zap-json', 'zap-dev_traditional-json_minimal.json'],
  ['burp-api-json', 'burp-enterprise-api_juice-shop_25-issues.json'],
];

function sampleText(file: string): string {
  return readSample(FOLDER, file).toString('utf8');
}

/** Results of a sample: the array of a -json-export file, else one per non-blank line. */
function sampleResults(file: string): NucleiResultJson[] {
  const text = sampleText(file);
  if (text.trimStart().startsWith('[')) {
    return JSON.parse(text) as NucleiResultJson[];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as NucleiResultJson);
}

function parseText(text: string) {
  return nucleiFormat.parse(new ReportInput(Buffer.from(text)));
}

function toJsonl(results: unknown[]): string {
  return `${results.map((result) => JSON.stringify(result)).join('\n')}\n`;
}

function firstResult(file: string): NucleiResultJson {
  const result = sampleResults(file)[0];
  assert.ok(result !== undefined);
  return result;
}

describe('nucleiFormat.detect', () => {
  for (const file of NON_EMPTY) {
    it(`detects ${file}`, () => {
      assert.equal(nucleiFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks nuclei for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'nuclei');
    });
  }

  it('leaves the empty file undetected', () => {
    assert.equal(nucleiFormat.detect(new ReportInput(readSample(FOLDER, EMPTY))), false);
  });

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(nucleiFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('nucleiFormat.parse counts', () => {
  for (const file of NON_EMPTY) {
    it(`finds every result of ${file}`, () => {
      const parsed = parseText(sampleText(file));
      assert.equal(parsed.findings.length, sampleResults(file).length);
      assert.equal(parsed.complete, true);
    });
  }

  it('reads the empty file with --tool nuclei', () => {
    const parsed = parseReport(readSample(FOLDER, EMPTY), { toolHint: 'nuclei' });
    assert.equal(readSample(FOLDER, EMPTY).length, 0);
    assert.equal(parsed.findings.length, 0);
    assert.equal(parsed.format, 'nuclei');
  });

  it('rejects the empty file without --tool', () => {
    assert.throws(
      () => parseReport(readSample(FOLDER, EMPTY)),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'empty_report',
    );
  });
});

describe('nucleiFormat.parse fields', () => {
  it('reads a v3 HTTP result', () => {
    const result = firstResult(JSONL);
    const finding = parseText(sampleText(JSONL)).findings[0];
    assert.equal(finding?.category, 'dast');
    assert.equal(finding?.ruleId, `${String(result['template-id'])}:${String(result['matcher-name'])}`);
    assert.equal(finding?.location.url, new URL(String(result['matched-at'])).href);
    assert.equal(finding?.location.method, /^(\w+) /.exec(String(result['request']))?.[1]);
    assert.equal(finding?.severity, 'info');
    assert.equal(finding?.toolSeverity, result.info['severity']);
    assert.equal(finding?.sourcePointer, 'line 1');
  });

  it('maps critical and reads the CVE template', () => {
    const finding = parseText(sampleText(LOG4SHELL)).findings[0];
    assert.equal(firstResult(LOG4SHELL).info['severity'], 'critical');
    assert.equal(finding?.severity, 'critical');
    assert.deepEqual(finding?.vulnerabilityIds, ['CVE-2021-44228', 'GHSA-jfh8-c2jp-5v3q']);
  });

  it('stores no request, response, curl command or interaction', () => {
    const result = firstResult(LOG4SHELL);
    const serialized = JSON.stringify(parseText(sampleText(LOG4SHELL)).findings);
    const interaction = result['interaction'] as Record<string, string>;
    assert.equal(serialized.includes(String(result['curl-command']).slice(0, 30)), false);
    assert.equal(serialized.includes(String(interaction['full-id'])), false);
    assert.equal(serialized.includes(String((result['extracted-results'] as string[])[0])), false);
  });

  it('reads a v2 legacy result', () => {
    const result = firstResult(LEGACY);
    const finding = parseText(sampleText(LEGACY)).findings[0];
    assert.equal(finding?.ruleId, result['templateID']);
    assert.equal(finding?.severity, 'low');
    assert.equal(finding?.location.url, null);
    assert.equal(finding?.location.resourceName, result['matched']);
    assert.equal(finding?.location.resourceType, result['type']);
    assert.ok((finding?.references.length ?? 0) > 0);
    assert.ok(finding?.references.every((reference) => String(result.info['reference']).includes(reference)));
  });

  it('maps medium', () => {
    const results = sampleResults(LEGACY);
    const index = results.findIndex((result) => result.info['severity'] === 'medium');
    assert.ok(index >= 0);
    assert.equal(parseText(sampleText(LEGACY)).findings[index]?.severity, 'medium');
  });

  it('points into the JSON export', () => {
    assert.equal(parseText(sampleText(EXPORT_ARRAY)).findings[2]?.sourcePointer, '/2');
  });

  it('reads the classification', () => {
    const result = firstResult(JSONL);
    result.info['classification'] = {
      'cve-id': ['CVE-2021-44228'],
      'cwe-id': ['CWE-502', 'CWE-917'],
      'cvss-metrics': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
    };

    const finding = parseText(toJsonl([result])).findings[0];

    assert.deepEqual(finding?.vulnerabilityIds, ['CVE-2021-44228']);
    assert.deepEqual(finding?.cwes, ['CWE-502', 'CWE-917']);
    assert.equal(finding?.cvss[0]?.baseScore, 10);
  });

  it('leaves an unknown severity unknown', () => {
    const result = firstResult(JSONL);
    result.info['severity'] = 'unknown';
    assert.equal(parseText(toJsonl([result])).findings[0]?.severity, 'unknown');
  });
});

describe('nucleiFormat.parse problems', () => {
  it('skips an invalid line with a warning', () => {
    const lines = sampleText(LEGACY).split('\n');
    lines[2] = '{"templateID": "broken",';

    const parsed = parseText(lines.join('\n'));

    assert.equal(parsed.findings.length, sampleResults(LEGACY).length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === 'line 3'));
  });

  it('skips a result without template id', () => {
    const results: unknown[] = sampleResults(JSONL);
    results[1] = { info: { name: 'x' } };

    const parsed = parseText(toJsonl(results));

    assert.equal(parsed.findings.length, 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === 'line 2'));
  });

  it('skips a malformed array entry', () => {
    const results: unknown[] = sampleResults(EXPORT_ARRAY);
    results[4] = 17;

    const parsed = parseText(JSON.stringify(results));

    assert.equal(parsed.findings.length, results.length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/4'));
  });

  it('rejects text without a JSON line', () => {
    assert.throws(
      () => parseText('not json\nnor this\n'),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'invalid_json' && error.location === 'line 1',
    );
  });
});
