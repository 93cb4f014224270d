import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { openvexFormat } from './openvex.parser.js';

type Json = Record<string, unknown>;

const FOLDER = 'openvex-json';
const MANY = 'openvex_many.json';

const OTHER_FORMAT_FOLDERS = ['sarif', 'cyclonedx-json', 'trivy-json', 'grype-json', 'semgrep-json', 'npm-audit-json', 'gitleaks-json'];

function parseSample(file: string): ParseResult {
  return openvexFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseJson(report: unknown): ParseResult {
  return openvexFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function statementsOf(report: unknown): Json[] {
  return (report as Json)['statements'] as Json[];
}

function expectedCount(report: unknown): number {
  return statementsOf(report).reduce((sum, statement) => sum + (statement['products'] as unknown[]).length, 0);
}

function findingAt(result: ParseResult, statement: number, product = 0): ParsedFinding {
  const sourcePointer = `/statements/${statement}/products/${product}`;
  const finding = result.findings.find((candidate) => candidate.sourcePointer === sourcePointer);
  assert.ok(finding, `no finding at ${sourcePointer}`);
  return finding;
}

describe('openvexFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(openvexFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks openvex for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'openvex');
    });
  }

  for (const folder of OTHER_FORMAT_FOLDERS) {
    for (const file of sampleFiles(folder)) {
      it(`ignores ${folder}/${file}`, () => {
        assert.equal(openvexFormat.detect(new ReportInput(readSample(folder, file))), false);
      });
    }
  }
});

describe('openvexFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`reads every statement product of ${file}`, () => {
      const result = parseSample(file);
      assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, file)));
      assert.deepEqual(result.warnings, []);
      assert.equal(result.complete, false);
    });
  }
});

describe('openvexFormat.parse statements', () => {
  const report = readSampleJson(FOLDER, MANY);
  const result = parseSample(MANY);

  it('maps each status to triage', () => {
    statementsOf(report).forEach((statement, index) => {
      assert.equal(findingAt(result, index).triage?.state, statement['status']);
    });
  });

  it('reads justification and impact statement', () => {
    assert.deepEqual(findingAt(result, 4).triage, {
      state: 'not_affected',
      justification: 'inline_mitigations_already_exist',
      detail: 'The affected code path is disabled at build time.',
    });
  });

  it('takes the package from the product @id', () => {
    const finding = findingAt(result, 0);
    assert.equal(finding.package?.purl, 'pkg:apk/alpine/apk-tools@2.10.6-r0?arch=x86_64&distro=alpine-3.10.9');
    assert.equal(finding.package?.name, 'apk-tools');
    assert.equal(finding.category, 'sca');
  });

  it('adds vulnerability aliases', () => {
    assert.deepEqual(findingAt(result, 4).vulnerabilityIds, ['CVE-2024-10005', 'GHSA-jfh8-c2jp-5v3q']);
  });

  it('reads the bare string forms', () => {
    const finding = findingAt(result, 5);
    assert.deepEqual(finding.vulnerabilityIds, ['CVE-2024-10006']);
    assert.equal(finding.package?.purl, 'pkg:apk/alpine/openssl@1.1.1k-r0');
  });

  it('keeps the action statement in the description', () => {
    assert.equal(findingAt(result, 1).description, 'No action statement provided');
  });

  it('leaves severity unknown', () => {
    assert.ok(result.findings.every((finding) => finding.severity === 'unknown'));
  });
});

describe('openvexFormat.parse products', () => {
  it('reads identifiers.purl', () => {
    const report = readSampleJson(FOLDER, MANY);
    statementsOf(report)[2]!['products'] = [{ '@id': 'https://example.com/products/base-image', identifiers: { purl: 'pkg:oci/base-image@sha256%3Aabc' } }];

    assert.equal(findingAt(parseJson(report), 2).package?.purl, 'pkg:oci/base-image@sha256:abc');
  });

  it('makes one finding per product', () => {
    const report = readSampleJson(FOLDER, MANY);
    (statementsOf(report)[0]!['products'] as unknown[]).push({ '@id': 'pkg:npm/lodash@4.17.20' });

    const result = parseJson(report);
    assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, MANY)) + 1);
    assert.equal(findingAt(result, 0, 1).package?.purl, 'pkg:npm/lodash@4.17.20');
  });

  it('keeps a product without purl with a warning', () => {
    const report = readSampleJson(FOLDER, MANY);
    statementsOf(report)[3]!['products'] = [{ '@id': 'https://example.com/products/appliance' }];

    const result = parseJson(report);
    assert.equal(findingAt(result, 3).package, null);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/statements/3/products/0']);
  });
});

describe('openvexFormat.parse malformed records', () => {
  it('skips a statement with an unknown status', () => {
    const report = readSampleJson(FOLDER, MANY);
    statementsOf(report)[2]!['status'] = 'probably_fine';

    const result = parseJson(report);
    assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, MANY)) - 1);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/statements/2']);
  });
});

describe('openvexFormat.parse rejections', () => {
  it('rejects statements that is not an array', () => {
    const report = readSampleJson(FOLDER, MANY) as Json;
    report['statements'] = {};
    assert.throws(() => parseJson(report), ReportRejectedError);
  });
});
