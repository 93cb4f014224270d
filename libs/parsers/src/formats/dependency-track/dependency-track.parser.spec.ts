import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { dependencyTrackFormat } from './dependency-track.parser.js';

type Json = Record<string, unknown>;

const FOLDER = 'dependency-track-json';
const FPF_10 = 'dependency-track-3.8.0_fpf.json';
const FPF_13 = 'dependency-track-4.14.1_fpf_npm.json';
const NULL_FINDINGS = 'dependency-track_findings-null.json';

const OTHER_FORMAT_FOLDERS = ['sarif', 'cyclonedx-json', 'trivy-json', 'grype-json', 'semgrep-json', 'npm-audit-json', 'gitleaks-json'];

function parseSample(file: string): ParseResult {
  return dependencyTrackFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseJson(report: unknown): ParseResult {
  return dependencyTrackFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function findingsOf(report: unknown): Json[] {
  const findings = (report as Json)['findings'];
  return Array.isArray(findings) ? (findings as Json[]) : [];
}

function findingAt(result: ParseResult, index: number): ParsedFinding {
  const finding = result.findings.find((candidate) => candidate.sourcePointer === `/findings/${index}`);
  assert.ok(finding, `no finding at /findings/${index}`);
  return finding;
}

describe('dependencyTrackFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(dependencyTrackFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks dependency-track for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'dependency-track');
    });
  }

  for (const folder of OTHER_FORMAT_FOLDERS) {
    for (const file of sampleFiles(folder)) {
      it(`ignores ${folder}/${file}`, () => {
        assert.equal(dependencyTrackFormat.detect(new ReportInput(readSample(folder, file))), false);
      });
    }
  }
});

describe('dependencyTrackFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`reads every finding of ${file}`, () => {
      const result = parseSample(file);
      assert.equal(result.findings.length, findingsOf(readSampleJson(FOLDER, file)).length);
      assert.deepEqual(result.warnings, []);
      assert.equal(result.complete, true);
    });
  }
});

describe('dependencyTrackFormat.parse FPF 1.0', () => {
  const result = parseSample(FPF_10);

  it('keeps the component purl with qualifiers', () => {
    const finding = findingAt(result, 0);
    assert.equal(finding.package?.purl, 'pkg:maven/org.webjars/jquery-ui@1.11.4?type=jar');
    assert.equal(finding.package?.name, 'org.webjars:jquery-ui');
  });

  it('maps id, CWE and severity', () => {
    const finding = findingAt(result, 0);
    assert.deepEqual(finding.vulnerabilityIds, ['CVE-2016-7103']);
    assert.deepEqual(finding.cwes, ['CWE-79']);
    assert.equal(finding.severity, 'medium');
    assert.equal(finding.toolSeverity, 'MEDIUM');
  });

  it('uses the matrix as fingerprint', () => {
    const report = readSampleJson(FOLDER, FPF_10);
    assert.equal(findingAt(result, 0).fingerprint, findingsOf(report)[0]?.['matrix']);
  });

  it('reads tool and project', () => {
    assert.deepEqual(result.tool, { name: 'dependency-track', version: '3.8.0' });
    assert.equal(result.assetName, 'project');
  });
});

describe('dependencyTrackFormat.parse FPF 1.3', () => {
  const report = readSampleJson(FOLDER, FPF_13);
  const result = parseSample(FPF_13);

  it('adds aliases after vulnId', () => {
    const finding = findingAt(result, 0);
    assert.deepEqual(finding.vulnerabilityIds, ['CVE-2026-25547', 'GHSA-7h2j-956f-4vf2']);
    assert.equal(finding.severity, 'critical');
  });

  it('reads the CVSS v4 vector with its source', () => {
    const finding = findingAt(result, 0);
    assert.deepEqual(
      finding.cvss.map((cvss) => [cvss.version, cvss.source, cvss.baseScore]),
      [['4.0', 'NVD', 9.2]],
    );
  });

  it('reads a GitHub advisory', () => {
    const index = findingsOf(report).findIndex((entry) => (entry['vulnerability'] as Json)['source'] === 'GITHUB');
    const vulnerability = findingsOf(report)[index]?.['vulnerability'] as Json;
    const finding = findingAt(result, index);
    assert.equal(finding.vulnerabilityIds[0], vulnerability['vulnId']);
    assert.equal(finding.package?.purl, (findingsOf(report)[index]?.['component'] as Json)['purl']);
  });

  it('names the project', () => {
    assert.equal(result.assetName, 'acme/acme-site (npm)');
  });
});

describe('dependencyTrackFormat.parse analysis', () => {
  it('maps NOT_AFFECTED to triage', () => {
    const report = readSampleJson(FOLDER, FPF_13);
    findingsOf(report)[1]!['analysis'] = { state: 'NOT_AFFECTED', justification: 'CODE_NOT_REACHABLE', detail: 'Only used in tests', isSuppressed: true };

    const finding = findingAt(parseJson(report), 1);
    assert.deepEqual(finding.triage, { state: 'not_affected', justification: 'code_not_reachable', detail: 'Only used in tests' });
  });

  it('maps a suppression without state', () => {
    const report = readSampleJson(FOLDER, FPF_10);
    findingsOf(report)[2]!['analysis'] = { isSuppressed: true };

    assert.deepEqual(findingAt(parseJson(report), 2).triage, { state: 'suppressed', justification: null, detail: null });
  });

  it('keeps NOT_SET as no triage', () => {
    const report = readSampleJson(FOLDER, FPF_10);
    findingsOf(report)[2]!['analysis'] = { state: 'NOT_SET', isSuppressed: false };

    assert.equal(findingAt(parseJson(report), 2).triage, null);
  });

  it('maps EXPLOITABLE and IN_TRIAGE', () => {
    const report = readSampleJson(FOLDER, FPF_10);
    findingsOf(report)[3]!['analysis'] = { state: 'EXPLOITABLE', isSuppressed: false };
    findingsOf(report)[4]!['analysis'] = { state: 'IN_TRIAGE', isSuppressed: false };

    const result = parseJson(report);
    assert.equal(findingAt(result, 3).triage?.state, 'affected');
    assert.equal(findingAt(result, 4).triage?.state, 'under_investigation');
  });
});

describe('dependencyTrackFormat.parse null findings', () => {
  it('reads zero findings', () => {
    const result = parseSample(NULL_FINDINGS);
    assert.equal(result.findings.length, 0);
    assert.equal(result.assetName, 'Acme Example');
  });
});

describe('dependencyTrackFormat.parse malformed records', () => {
  it('skips a finding without vulnerability', () => {
    const report = readSampleJson(FOLDER, FPF_10);
    delete findingsOf(report)[5]!['vulnerability'];

    const result = parseJson(report);
    assert.equal(result.findings.length, findingsOf(readSampleJson(FOLDER, FPF_10)).length - 1);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/findings/5']);
  });

  it('warns about an invalid vector', () => {
    const report = readSampleJson(FOLDER, FPF_13);
    (findingsOf(report)[0]!['vulnerability'] as Json)['cvssV3Vector'] = 'CVSS:3.1/AV:N';

    const result = parseJson(report);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/findings/0/vulnerability/cvssV3Vector']);
    assert.equal(findingAt(result, 0).severity, 'critical');
  });
});

describe('dependencyTrackFormat.parse rejections', () => {
  it('rejects findings that is an object', () => {
    const report = readSampleJson(FOLDER, NULL_FINDINGS) as Json;
    report['findings'] = {};
    assert.throws(() => parseJson(report), ReportRejectedError);
  });
});
