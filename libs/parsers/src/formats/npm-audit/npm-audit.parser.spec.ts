import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { npmAuditFormat } from './npm-audit.parser.js';

type Json = Record<string, unknown>;

const FOLDER = 'npm-audit-json';
const V1 = 'npm-audit-v1-legacy_npm6_1-advisory.json';
const V2 = 'npm-audit-v2_6-vulns.json';
const V2_EMPTY = 'npm-audit-v2_no-vulns.json';
const ERROR = 'npm-audit_error-ENOAUDIT.json';

const OTHER_FORMAT_FOLDERS = ['sarif', 'cyclonedx-json', 'trivy-json', 'grype-json', 'semgrep-json', 'gitleaks-json'];

function parseSample(file: string): ParseResult {
  return npmAuditFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseJson(report: unknown): ParseResult {
  return npmAuditFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function values(value: unknown): Json[] {
  return typeof value === 'object' && value !== null ? (Object.values(value) as Json[]) : [];
}

/** Advisory objects in every `via` list (v2), or advisory and installed version pairs (v1). */
function expectedCount(report: Json): number {
  if (report['auditReportVersion'] !== undefined) {
    return values(report['vulnerabilities']).reduce((sum, entry) => sum + (entry['via'] as unknown[]).filter((via) => typeof via === 'object').length, 0);
  }
  return values(report['advisories']).reduce((sum, advisory) => sum + Math.max(1, (advisory['findings'] as unknown[]).length), 0);
}

function findingAt(result: ParseResult, sourcePointer: string): ParsedFinding {
  const finding = result.findings.find((candidate) => candidate.sourcePointer === sourcePointer);
  assert.ok(finding, `no finding at ${sourcePointer}`);
  return finding;
}

describe('npmAuditFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(npmAuditFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });
  }

  for (const folder of OTHER_FORMAT_FOLDERS) {
    for (const file of sampleFiles(folder)) {
      it(`ignores ${folder}/${file}`, () => {
        assert.equal(npmAuditFormat.detect(new ReportInput(readSample(folder, file))), false);
      });
    }
  }

  it('ignores an error object of another tool', () => {
    assert.equal(npmAuditFormat.detect(new ReportInput(Buffer.from('{"error": {"code": 404, "message": "not found"}}'))), false);
  });
});

describe('npmAuditFormat.parse counts', () => {
  for (const file of [V1, V2, V2_EMPTY]) {
    it(`reads every advisory of ${file}`, () => {
      const result = parseSample(file);
      assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, file) as Json));
      assert.deepEqual(result.warnings, []);
      assert.equal(result.complete, true);
    });
  }
});

describe('npmAuditFormat.parse error envelope', () => {
  it('rejects ENOAUDIT as a tool error', () => {
    let rejection: unknown = null;
    try {
      parseSample(ERROR);
    } catch (error) {
      rejection = error;
    }
    assert.ok(rejection instanceof ReportRejectedError);
    assert.equal(rejection.code, 'tool_error');
    assert.match(rejection.message, /ENOAUDIT/);
    assert.match(rejection.message, /may not support audit requests/);
  });
});

describe('npmAuditFormat.parse v2', () => {
  const result = parseSample(V2);
  const debug = findingAt(result, '/vulnerabilities/debug/via/0');

  it('maps the advisory', () => {
    assert.deepEqual(debug.vulnerabilityIds, ['GHSA-gxpj-cx7g-858c']);
    assert.equal(debug.ruleId, '1094219');
    assert.deepEqual(debug.cwes, ['CWE-400']);
    assert.equal(debug.category, 'sca');
  });

  it('maps moderate to medium', () => {
    assert.equal(debug.severity, 'medium');
    assert.equal(debug.toolSeverity, 'moderate');
  });

  it('reads the CVSS vector', () => {
    assert.equal(debug.cvss[0]?.vector, 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L');
    assert.equal(debug.cvss[0]?.baseScore, 5.3);
  });

  it('records no installed version', () => {
    assert.equal(debug.package?.purl, 'pkg:npm/debug');
    assert.equal(debug.package?.version, null);
  });

  it('ignores a parent upgrade as fix', () => {
    assert.deepEqual(debug.package?.fixedVersions, []);
  });

  it('makes no finding for transitive links', () => {
    assert.equal(result.findings.some((finding) => finding.package?.name === 'vercel'), false);
    assert.equal(result.findings.some((finding) => finding.package?.name === '@vercel/fun'), false);
  });

  it('has no asset name', () => {
    assert.equal(result.assetName, null);
  });
});

describe('npmAuditFormat.parse v2 edge cases', () => {
  it('builds scoped purls', () => {
    const report = readSampleJson(FOLDER, V2) as Json;
    const fun = (report['vulnerabilities'] as Json)['@vercel/fun'] as Json;
    fun['via'] = [{ source: 1, name: '@vercel/fun', title: 'Test advisory', url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', severity: 'high' }];
    fun['fixAvailable'] = { name: '@vercel/fun', version: '1.1.1', isSemVerMajor: false };

    const finding = findingAt(parseJson(report), '/vulnerabilities/@vercel~1fun/via/0');
    assert.equal(finding.package?.purl, 'pkg:npm/%40vercel/fun');
    assert.deepEqual(finding.package?.fixedVersions, ['1.1.1']);
  });

  it('skips an advisory without source or url', () => {
    const report = readSampleJson(FOLDER, V2) as Json;
    const semver = (report['vulnerabilities'] as Json)['semver'] as Json;
    semver['via'] = [{ name: 'semver', title: 'no id' }];

    const result = parseJson(report);
    assert.equal(result.findings.length, 2);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/vulnerabilities/semver/via/0']);
  });

  it('skips an entry that is not an object', () => {
    const report = readSampleJson(FOLDER, V2) as Json;
    (report['vulnerabilities'] as Json)['undici'] = 'broken';

    const result = parseJson(report);
    assert.equal(result.findings.length, 2);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/vulnerabilities/undici']);
  });
});

describe('npmAuditFormat.parse v1', () => {
  const result = parseSample(V1);
  const finding = findingAt(result, '/advisories/146/findings/0');

  it('maps the advisory', () => {
    assert.deepEqual(finding.vulnerabilityIds, ['CVE-2017-16042']);
    assert.equal(finding.ruleId, '146');
    assert.equal(finding.severity, 'critical');
    assert.deepEqual(finding.cwes, ['CWE-94']);
  });

  it('records the installed version', () => {
    assert.equal(finding.package?.purl, 'pkg:npm/growl@1.9.2');
    assert.deepEqual(finding.package?.fixedVersions, ['1.10.2']);
  });

  it('reads reference links', () => {
    assert.deepEqual(finding.references, ['https://www.npmjs.com/advisories/146', 'https://github.com/tj/node-growl/issues/60', 'https://github.com/tj/node-growl/pull/61']);
  });

  it('makes one finding per version', () => {
    const report = readSampleJson(FOLDER, V1) as Json;
    const advisory = (report['advisories'] as Json)['146'] as Json;
    (advisory['findings'] as Json[]).push({ version: '1.9.3', paths: ['other>growl'] });

    const versions = parseJson(report).findings.map((entry) => entry.package?.version);
    assert.deepEqual(versions, ['1.9.2', '1.9.3']);
  });

  it('skips an advisory without module_name', () => {
    const report = readSampleJson(FOLDER, V1) as Json;
    delete ((report['advisories'] as Json)['146'] as Json)['module_name'];

    const parsed = parseJson(report);
    assert.equal(parsed.findings.length, 0);
    assert.deepEqual(parsed.warnings.map((warning) => warning.location), ['/advisories/146']);
  });
});

describe('npmAuditFormat.parse rejections', () => {
  it('rejects an object of neither version', () => {
    assert.throws(() => parseJson({ auditReportVersion: 2 }), ReportRejectedError);
  });
});
