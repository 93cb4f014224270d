import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { pipAuditFormat } from './pip-audit.parser.js';

type Json = Record<string, unknown>;

const FOLDER = 'pip-audit-json';
const LEGACY = 'pip-audit-legacy-array_many.json';
const CURRENT = 'pip-audit-new-format_many.json';
const ZERO = 'pip-audit-new-format_zero.json';

const OTHER_FORMAT_FOLDERS = ['sarif', 'cyclonedx-json', 'trivy-json', 'grype-json', 'semgrep-json', 'npm-audit-json', 'gitleaks-json'];

function parseSample(file: string): ParseResult {
  return pipAuditFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseJson(report: unknown): ParseResult {
  return pipAuditFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function dependenciesOf(report: unknown): Json[] {
  return (Array.isArray(report) ? report : (report as Json)['dependencies']) as Json[];
}

function vulnsOf(dependency: Json | undefined): Json[] {
  return Array.isArray(dependency?.['vulns']) ? (dependency['vulns'] as Json[]) : [];
}

function expectedCount(report: unknown): number {
  return dependenciesOf(report).reduce((sum, dependency) => sum + vulnsOf(dependency).length, 0);
}

function findingAt(result: ParseResult, sourcePointer: string): ParsedFinding {
  const finding = result.findings.find((candidate) => candidate.sourcePointer === sourcePointer);
  assert.ok(finding, `no finding at ${sourcePointer}`);
  return finding;
}

function indexOfDependency(report: unknown, name: string): number {
  return dependenciesOf(report).findIndex((dependency) => dependency['name'] === name);
}

describe('pipAuditFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(pipAuditFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks pip-audit for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'pip-audit');
    });
  }

  for (const folder of OTHER_FORMAT_FOLDERS) {
    for (const file of sampleFiles(folder)) {
      it(`ignores ${folder}/${file}`, () => {
        assert.equal(pipAuditFormat.detect(new ReportInput(readSample(folder, file))), false);
      });
    }
  }
});

describe('pipAuditFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`reads every vulnerability of ${file}`, () => {
      const result = parseSample(file);
      assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, file)));
      assert.equal(result.complete, true);
    });
  }
});

describe('pipAuditFormat.parse current format', () => {
  const report = readSampleJson(FOLDER, CURRENT);
  const result = parseSample(CURRENT);

  it('maps the Django vulnerability', () => {
    const finding = findingAt(result, `/dependencies/${indexOfDependency(report, 'django')}/vulns/0`);
    assert.deepEqual(finding.vulnerabilityIds, ['PYSEC-2021-439']);
    assert.equal(finding.package?.purl, 'pkg:pypi/django@3.2.9');
    assert.deepEqual(finding.package?.fixedVersions, ['2.2.25', '3.1.14', '3.2.10']);
  });

  it('leaves severity unknown', () => {
    const finding = findingAt(result, `/dependencies/${indexOfDependency(report, 'django')}/vulns/0`);
    assert.equal(finding.severity, 'unknown');
    assert.equal(finding.toolSeverity, null);
    assert.deepEqual(finding.cvss, []);
  });

  it('warns about the skipped dependency', () => {
    assert.deepEqual(result.warnings.map((warning) => warning.location), [`/dependencies/${indexOfDependency(report, 'azure-devops')}`]);
    assert.match(result.warnings[0]?.message ?? '', /did not audit azure-devops/);
  });

  it('lists audited dependencies as components', () => {
    const audited = dependenciesOf(report).filter((dependency) => dependency['version'] !== undefined);
    assert.equal(result.components.length, audited.length);
  });
});

describe('pipAuditFormat.parse legacy array', () => {
  it('points into the array', () => {
    const report = readSampleJson(FOLDER, LEGACY);
    const index = indexOfDependency(report, 'twisted');
    const result = parseSample(LEGACY);
    assert.equal(findingAt(result, `/${index}/vulns/3`).vulnerabilityIds[0], 'PYSEC-2020-259');
  });
});

describe('pipAuditFormat.parse PyPI names', () => {
  it('normalises the name in the purl', () => {
    const report = readSampleJson(FOLDER, CURRENT);
    const index = indexOfDependency(report, 'twisted');
    const dependency = dependenciesOf(report)[index] as Json;
    dependency['name'] = 'Twisted_Web..Extra';

    const finding = findingAt(parseJson(report), `/dependencies/${index}/vulns/0`);
    assert.equal(finding.package?.purl, 'pkg:pypi/twisted-web-extra@18.9.0');
    assert.equal(finding.package?.name, 'Twisted_Web..Extra');
  });

  it('adds aliases after the id', () => {
    const report = readSampleJson(FOLDER, CURRENT);
    const index = indexOfDependency(report, 'aiohttp');
    const vuln = vulnsOf(dependenciesOf(report)[index])[0] as Json;
    vuln['aliases'] = ['GHSA-v6wp-4m6f-gcjg', 'CVE-2021-21330'];

    const finding = findingAt(parseJson(report), `/dependencies/${index}/vulns/0`);
    assert.deepEqual(finding.vulnerabilityIds, ['PYSEC-2021-76', 'CVE-2021-21330', 'GHSA-v6wp-4m6f-gcjg']);
  });
});

describe('pipAuditFormat.parse malformed records', () => {
  it('skips a vulnerability without id', () => {
    const report = readSampleJson(FOLDER, CURRENT);
    const index = indexOfDependency(report, 'aiohttp');
    vulnsOf(dependenciesOf(report)[index])[0] = {};

    const result = parseJson(report);
    assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, CURRENT)) - 1);
    assert.ok(result.warnings.some((warning) => warning.location === `/dependencies/${index}/vulns/0`));
  });

  it('skips a dependency that is not an object', () => {
    const report = readSampleJson(FOLDER, ZERO);
    dependenciesOf(report)[0] = 'adal==1.2.2' as unknown as Json;

    const result = parseJson(report);
    assert.ok(result.warnings.some((warning) => warning.location === '/dependencies/0'));
  });
});

describe('pipAuditFormat.parse rejections', () => {
  it('rejects dependencies that is not an array', () => {
    assert.throws(() => parseJson({ dependencies: {} }), ReportRejectedError);
  });
});
