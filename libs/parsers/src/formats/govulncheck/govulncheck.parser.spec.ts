import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { govulncheckFormat } from './govulncheck.parser.js';

type Json = Record<string, unknown>;

const FOLDER = 'govulncheck-json';
const WRAPPED = 'govulncheck-1.0.x_array-wrapped-stream_many.json';
const WRAPPED_EMPTY = 'govulncheck-1.0.x_array-wrapped-stream_no-vulns.json';
const RAW = 'govulncheck-1.1.4_raw-stream_concatenated-objects_116-findings.json';
const LEGACY = 'govulncheck-legacy_object_many.json';

const OTHER_FORMAT_FOLDERS = ['sarif', 'cyclonedx-json', 'trivy-json', 'grype-json', 'semgrep-json', 'npm-audit-json', 'gitleaks-json'];

function sampleText(file: string): string {
  return readSample(FOLDER, file).toString('utf8');
}

function parseText(text: string): ParseResult {
  return govulncheckFormat.parse(new ReportInput(Buffer.from(text)));
}

function parseSample(file: string): ParseResult {
  return parseText(sampleText(file));
}

/**
 * Decodes the messages of a report. In a raw stream, a "}" and a "{" on
 * different lines with only white space between them end one message and
 * start the next. Inside a message, list items are separated by commas, and
 * JSON strings contain no raw newline.
 */
function messagesOf(text: string): Json[] {
  const parsed: unknown = JSON.parse(text.trimStart().startsWith('[') ? text : `[${text.replace(/\}\s*\n\s*\{/g, '},{')}]`);
  return parsed as Json[];
}

function streamFindings(text: string): Json[] {
  return messagesOf(text)
    .map((message) => message['finding'] as Json | undefined)
    .filter((finding): finding is Json => finding !== undefined);
}

function firstFrame(finding: Json): Json {
  return (finding['trace'] as Json[])[0] as Json;
}

/** Stream: distinct (OSV id, module of the vulnerable frame). Legacy: distinct (OSV.id, ModPath) of Vulns[]. */
function expectedCount(file: string): number {
  const text = sampleText(file);
  const legacy = file === LEGACY ? (JSON.parse(text) as Json) : null;
  if (legacy !== null) {
    return new Set((legacy['Vulns'] as Json[]).map((entry) => `${String((entry['OSV'] as Json)['id'])}|${String(entry['ModPath'])}`)).size;
  }
  return new Set(streamFindings(text).map((finding) => `${String(finding['osv'])}|${String(firstFrame(finding)['module'])}`)).size;
}

function findingFor(result: ParseResult, id: string): ParsedFinding {
  const finding = result.findings.find((candidate) => candidate.vulnerabilityIds[0] === id);
  assert.ok(finding, `no finding for ${id}`);
  return finding;
}

describe('govulncheckFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(govulncheckFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks govulncheck for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'govulncheck');
    });
  }

  for (const folder of OTHER_FORMAT_FOLDERS) {
    for (const file of sampleFiles(folder)) {
      it(`ignores ${folder}/${file}`, () => {
        assert.equal(govulncheckFormat.detect(new ReportInput(readSample(folder, file))), false);
      });
    }
  }

  it('ignores a stream of other objects', () => {
    assert.equal(govulncheckFormat.detect(new ReportInput(Buffer.from('{"progress": {"message": "x"}}\n{"progress": {}}'))), false);
  });
});

describe('govulncheckFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`reads every vulnerability of ${file}`, () => {
      const result = parseSample(file);
      assert.equal(result.findings.length, expectedCount(file));
      assert.deepEqual(result.warnings, []);
      assert.equal(result.complete, true);
    });
  }
});

describe('govulncheckFormat.parse array-wrapped stream', () => {
  const result = parseSample(WRAPPED);

  it('maps the stdlib finding', () => {
    const finding = findingFor(result, 'GO-2023-1840');
    assert.deepEqual(finding.vulnerabilityIds, ['GO-2023-1840', 'CVE-2023-29403']);
    assert.equal(finding.package?.purl, 'pkg:golang/stdlib@v1.20.1');
    assert.deepEqual(finding.package?.fixedVersions, ['v1.20.5']);
  });

  it('records that the function is called', () => {
    const finding = findingFor(result, 'GO-2023-1840');
    assert.match(finding.description ?? '', /^Reachability: called/);
    assert.match(finding.description ?? '', /runtime\.BlockProfile/);
    assert.deepEqual(finding.reachabilityHint, { reachable: true, source: 'govulncheck:call-graph' });
  });

  it('keeps absolute paths out of the location', () => {
    assert.equal(findingFor(result, 'GO-2023-1840').location.path, null);
  });

  it('reads tool, pointer and asset', () => {
    assert.deepEqual(result.tool, { name: 'govulncheck', version: 'v1.0.0' });
    assert.equal(findingFor(result, 'GO-2023-1840').sourcePointer, '/3/finding');
    assert.equal(result.assetName, 'testproject');
  });

  it('leaves severity unknown', () => {
    assert.equal(findingFor(result, 'GO-2023-1840').severity, 'unknown');
  });

  it('reads a config-only report', () => {
    assert.equal(parseSample(WRAPPED_EMPTY).findings.length, 0);
  });
});

describe('govulncheckFormat.parse raw stream', () => {
  const text = sampleText(RAW);
  const findings = streamFindings(text);
  const result = parseSample(RAW);

  it('places a called finding at its entry point', () => {
    const called = findings.find((finding) => typeof firstFrame(finding)['function'] === 'string' && finding['osv'] === 'GO-2026-4865');
    assert.ok(called);
    const trace = called['trace'] as Json[];
    const position = trace[trace.length - 1]?.['position'] as Json;
    const finding = findingFor(result, 'GO-2026-4865');
    assert.equal(finding.location.path, position['filename']);
    assert.equal(finding.location.startLine, position['line']);
  });

  it('records an imported package', () => {
    const levels = findings.filter((finding) => finding['osv'] === 'GO-2026-4771').map((finding) => firstFrame(finding));
    assert.ok(levels.every((frame) => frame['function'] === undefined));
    assert.ok(levels.some((frame) => typeof frame['package'] === 'string'));
    assert.match(findingFor(result, 'GO-2026-4771').description ?? '', /^Reachability: imported/);
    assert.equal(findingFor(result, 'GO-2026-4771').reachabilityHint?.reachable, false);
  });

  it('records a required module', () => {
    const moduleOnly = findings.filter((finding) => findings.filter((other) => other['osv'] === finding['osv']).every((other) => firstFrame(other)['package'] === undefined));
    assert.ok(moduleOnly[0]);
    assert.match(findingFor(result, String(moduleOnly[0]['osv'])).description ?? '', /^Reachability: required/);
  });

  it('points at the line of the message', () => {
    const finding = findingFor(result, 'GO-2026-4771');
    const line = Number(finding.sourcePointer.replace('line ', ''));
    assert.match(text.split('\n')[line - 1] ?? '', /^\{/);
    assert.match(text.split('\n')[line] ?? '', /"finding"/);
  });

  it('names the main module', () => {
    assert.equal(result.assetName, 'github.com/alielmi98/golang-expense-tracker-api');
    assert.deepEqual(result.tool, { name: 'govulncheck', version: 'v1.1.4' });
  });
});

describe('govulncheckFormat.parse legacy object', () => {
  const report = readSampleJson(FOLDER, LEGACY) as Json;
  const result = parseSample(LEGACY);

  it('maps a called stdlib vulnerability', () => {
    const finding = findingFor(result, 'GO-2022-1144');
    assert.equal(finding.package?.purl, 'pkg:golang/stdlib@v1.19.0');
    assert.match(finding.description ?? '', /^Reachability: called/);
    assert.equal(finding.sourcePointer, '/Vulns/0');
  });

  it('names every called symbol', () => {
    const symbols = (report['Vulns'] as Json[]).filter((entry) => (entry['OSV'] as Json)['id'] === 'GO-2022-1143').map((entry) => String(entry['Symbol']));
    for (const symbol of symbols) {
      assert.ok(findingFor(result, 'GO-2022-1143').description?.includes(symbol), `missing ${symbol}`);
    }
  });

  it('names the main module', () => {
    assert.equal(result.assetName, 'github.com/jharper-sec/evil-app');
  });
});

describe('govulncheckFormat.parse malformed records', () => {
  it('skips a finding without trace', () => {
    const report = readSampleJson(FOLDER, WRAPPED) as Json[];
    (report[3]?.['finding'] as Json)['trace'] = [];

    const result = parseText(JSON.stringify(report));
    assert.equal(result.findings.length, 0);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/3/finding']);
  });

  it('skips an invalid message of a raw stream', () => {
    const lines = sampleText(RAW).split('\n');
    const index = lines.findIndex((line) => line.includes('"osv": "GO-2026-4771"'));
    lines[index] = lines[index]!.replace('"osv": "GO-2026-4771"', '"osv": GO-2026-4771');

    const messageStart = lines.lastIndexOf('{', index) + 1;

    const result = parseText(lines.join('\n'));
    assert.deepEqual(result.warnings.map((warning) => warning.location), [`line ${messageStart}`]);
    assert.match(result.warnings[0]?.message ?? '', /^message skipped/);
    // GO-2026-4771 has finding messages at other levels, so it still yields its finding.
    assert.equal(result.findings.length, expectedCount(RAW));
  });

  it('keeps the messages before a truncation', () => {
    const text = sampleText(RAW);
    const result = parseText(text.slice(0, text.length - 50));
    assert.equal(result.complete, false);
    assert.ok(result.warnings.some((warning) => warning.message.startsWith('reading stopped')));
    assert.ok(result.findings.length > 0);
  });

  it('warns about a finding whose OSV entry is missing', () => {
    const report = readSampleJson(FOLDER, WRAPPED) as Json[];
    report.splice(2, 1);

    const result = parseText(JSON.stringify(report));
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/2/finding']);
    assert.equal(result.findings[0]?.vulnerabilityIds[0], 'GO-2023-1840');
  });
});

describe('govulncheckFormat.parse rejections', () => {
  it('rejects an object of another shape', () => {
    assert.throws(() => parseText('{"Vulns": {}}'), ReportRejectedError);
  });
});
