import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { snykFormat } from './snyk.parser.js';

type Json = Record<string, unknown>;

const FOLDER = 'snyk-json';
const CONTAINER = 'snyk-container_juice-shop_os-and-app_epss.json';
const RPM = 'snyk-container_rpm_null-cvss.json';
const ALL_PROJECTS = 'snyk-test_all-projects_array_4-vulns.json';
const NO_VULNS = 'snyk-test_maven_no-vulns.json';

const OTHER_FORMAT_FOLDERS = ['sarif', 'cyclonedx-json', 'trivy-json', 'grype-json', 'semgrep-json', 'npm-audit-json', 'gitleaks-json'];

function parseSample(file: string): ParseResult {
  return snykFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseJson(report: unknown): ParseResult {
  return snykFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

/** Distinct (id, name, version) issues of a project's vulnerabilities[] and filtered.ignore[]. */
function issueCount(project: Json): number {
  const keyOf = (entry: Json): string => `${String(entry['id'])}|${String(entry['name'])}|${String(entry['version'])}`;
  const listed = new Set(list(project['vulnerabilities']).map(keyOf));
  const ignored = new Set(list((project['filtered'] as Json | undefined)?.['ignore']).map(keyOf));
  return listed.size + ignored.size;
}

function expectedCount(report: unknown): number {
  const projects = Array.isArray(report) ? (report as Json[]) : [report as Json];
  return projects.reduce((sum, project) => sum + issueCount(project) + list(project['applications']).reduce((apps, app) => apps + issueCount(app), 0), 0);
}

function findingAt(result: ParseResult, sourcePointer: string): ParsedFinding {
  const finding = result.findings.find((candidate) => candidate.sourcePointer === sourcePointer);
  assert.ok(finding, `no finding at ${sourcePointer}`);
  return finding;
}

function indexOfId(vulnerabilities: unknown, id: string): number {
  return list(vulnerabilities).findIndex((entry) => entry['id'] === id);
}

describe('snykFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(snykFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks snyk for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'snyk');
    });
  }

  for (const folder of OTHER_FORMAT_FOLDERS) {
    for (const file of sampleFiles(folder)) {
      it(`ignores ${folder}/${file}`, () => {
        assert.equal(snykFormat.detect(new ReportInput(readSample(folder, file))), false);
      });
    }
  }
});

describe('snykFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`reads every issue of ${file}`, () => {
      const result = parseSample(file);
      assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, file)));
      assert.equal(result.complete, true);
    });
  }
});

describe('snykFormat.parse container image', () => {
  const result = parseSample(CONTAINER);
  const report = readSampleJson(FOLDER, CONTAINER) as Json;
  const application = list(report['applications'])[0] as Json;

  it('maps the OS package to a deb purl', () => {
    const finding = findingAt(result, '/vulnerabilities/0');
    assert.equal(finding.package?.purl, 'pkg:deb/debian/libgcc-s1@10.2.1-6?distro=debian-11');
    assert.equal(finding.category, 'container');
    assert.equal(finding.location.image, 'sarim04/juiceshop');
  });

  it('puts the Snyk id first', () => {
    const finding = findingAt(result, '/vulnerabilities/0');
    assert.deepEqual(finding.vulnerabilityIds, ['SNYK-DEBIAN11-GCC10-5901313', 'CVE-2023-4039']);
    assert.equal(finding.severity, 'low');
  });

  it('names the scorer of cvssDetails', () => {
    const finding = findingAt(result, '/vulnerabilities/0');
    assert.ok(finding.cvss.some((cvss) => cvss.source === 'SUSE' && cvss.baseScore === 8.1));
    assert.ok(finding.cvss.some((cvss) => cvss.source === null && cvss.vector === 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N'));
  });

  it('reads application issues as container findings', () => {
    const index = indexOfId(application['vulnerabilities'], 'npm:jsonwebtoken:20150331');
    const finding = findingAt(result, `/applications/0/vulnerabilities/${index}`);
    assert.equal(finding.category, 'container');
    assert.equal(finding.package?.purl, 'pkg:npm/jsonwebtoken@0.4.0');
    assert.equal(finding.location.path, 'juice-shop/package.json');
    assert.deepEqual(finding.package?.fixedVersions, ['4.2.2']);
  });

  it('adds identifiers but not NSP numbers', () => {
    const index = indexOfId(application['vulnerabilities'], 'npm:jsonwebtoken:20150331');
    const finding = findingAt(result, `/applications/0/vulnerabilities/${index}`);
    assert.deepEqual(finding.vulnerabilityIds, ['npm:jsonwebtoken:20150331', 'CVE-2015-9235', 'GHSA-c7hr-j4mj-j2w6', 'SNYK-JS-JSONWEBTOKEN-10037']);
    assert.deepEqual(finding.cwes, ['CWE-592']);
    assert.equal(finding.severity, 'high');
  });

  it('reads severityWithCritical', () => {
    const index = indexOfId(application['vulnerabilities'], 'SNYK-JS-SANITIZEHTML-585892');
    assert.equal(findingAt(result, `/applications/0/vulnerabilities/${index}`).severity, 'critical');
  });

  it('names the image as asset', () => {
    assert.equal(result.assetName, 'sarim04/juiceshop');
  });

  it('counts application issues in uniqueCount', () => {
    assert.deepEqual(result.warnings, []);
  });

  it('keeps exploit maturity as a hint unless it is Not Defined', () => {
    const stated = [...list(report['vulnerabilities']), ...list(application['vulnerabilities'])]
      .map((record) => (record as Json)['exploit'])
      .filter((maturity): maturity is string => typeof maturity === 'string' && maturity !== 'Not Defined');
    const hints = new Set(result.findings.map((finding) => finding.exploitHint).filter((hint) => hint !== null));
    assert.ok(stated.length > 0);
    assert.deepEqual([...hints].sort(), [...new Set(stated)].map((maturity) => `snyk:${maturity}`).sort());
  });
});

describe('snykFormat.parse rpm image', () => {
  const result = parseSample(RPM);

  it('warns about the uniqueCount mismatch', () => {
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/uniqueCount']);
    assert.match(result.warnings[0]?.message ?? '', /uniqueCount is 75/);
  });

  it('builds an rpm purl with the distro', () => {
    const finding = findingAt(result, '/vulnerabilities/0');
    assert.equal(finding.package?.purl, 'pkg:rpm/sles/permissions@20181225-23.6.1?distro=sles-15.3');
    assert.deepEqual(finding.package?.fixedVersions, ['20181225-23.12.1']);
  });

  it('keeps a null CVSS empty', () => {
    const finding = findingAt(result, '/vulnerabilities/0');
    assert.deepEqual(finding.cvss, []);
    assert.deepEqual(finding.vulnerabilityIds, ['SNYK-SLES153-PERMISSIONS-2648113', 'SUSE-SU-2022:0141-1']);
  });
});

describe('snykFormat.parse all projects', () => {
  const result = parseSample(ALL_PROJECTS);

  it('points into the array', () => {
    const finding = findingAt(result, '/1/vulnerabilities/1');
    assert.deepEqual(finding.vulnerabilityIds, ['SNYK-JAVA-COMGOOGLEGUAVA-32236', 'CVE-2018-10237', 'GHSA-mvr2-9pj6-7w5j']);
    assert.equal(finding.package?.purl, 'pkg:maven/com.google.guava/guava@22.0');
  });

  it('normalises the back-slash target file', () => {
    assert.equal(findingAt(result, '/1/vulnerabilities/0').location.path, 'project-a/pom.xml');
    assert.equal(findingAt(result, '/0/vulnerabilities/0').location.path, 'pom.xml');
  });

  it('maps category and CWE', () => {
    const finding = findingAt(result, '/2/vulnerabilities/0');
    assert.equal(finding.category, 'sca');
    assert.deepEqual(finding.cwes, ['CWE-200']);
    assert.equal(finding.toolSeverity, 'medium');
  });

  it('names no asset for several projects', () => {
    assert.equal(result.assetName, null);
  });
});

describe('snykFormat.parse single project', () => {
  it('names the project as asset', () => {
    assert.equal(parseSample(NO_VULNS).assetName, 'com.test:maven-profiles');
  });
});

describe('snykFormat.parse dependency paths', () => {
  it('merges paths of one issue', () => {
    const report = readSampleJson(FOLDER, ALL_PROJECTS) as Json[];
    const vulnerabilities = list(report[1]?.['vulnerabilities']);
    const copy = JSON.parse(JSON.stringify(vulnerabilities[0])) as Json;
    copy['from'] = ['com.test:project-a@0.0.1-SNAPSHOT', 'com.test:other@1.0', 'com.google.guava:guava@22.0'];
    vulnerabilities.push(copy);

    const result = parseJson(report);
    assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, ALL_PROJECTS)));
    assert.match(findingAt(result, '/1/vulnerabilities/0').description ?? '', /and 1 more paths/);
  });
});

describe('snykFormat.parse ignored issues', () => {
  it('reads filtered.ignore as suppressed', () => {
    const report = readSampleJson(FOLDER, ALL_PROJECTS) as Json[];
    const project = report[2] as Json;
    const ignored = list(project['vulnerabilities'])[0] as Json;
    ignored['filtered'] = { ignored: [{ reason: 'Not reachable from our code', source: 'cli' }] };
    project['vulnerabilities'] = [];
    project['filtered'] = { ignore: [ignored], patch: [] };

    const finding = findingAt(parseJson(report), '/2/filtered/ignore/0');
    assert.deepEqual(finding.triage, { state: 'suppressed', justification: null, detail: 'Not reachable from our code' });
  });
});

describe('snykFormat.parse malformed records', () => {
  it('skips a vulnerability that is not an object', () => {
    const report = readSampleJson(FOLDER, ALL_PROJECTS) as Json[];
    list(report[1]?.['vulnerabilities'])[1] = null as unknown as Json;

    const result = parseJson(report);
    assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, ALL_PROJECTS)) - 1);
    // The dropped record also leaves uniqueCount one above the list.
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/1/vulnerabilities/1', '/1/uniqueCount']);
  });

  it('skips a vulnerability without id', () => {
    const report = readSampleJson(FOLDER, CONTAINER) as Json;
    delete list(list(report['applications'])[0]?.['vulnerabilities'])[3]?.['id'];

    const result = parseJson(report);
    assert.ok(result.warnings.some((warning) => warning.location === '/applications/0/vulnerabilities/3'));
    assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, CONTAINER)) - 1);
  });

  it('warns about a failed project in the array', () => {
    const report = readSampleJson(FOLDER, ALL_PROJECTS) as unknown[];
    report[0] = { ok: false, error: 'Failed to get dependencies for project', path: 'legacy' };

    const result = parseJson(report);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/0']);
    assert.equal(result.complete, false);
  });
});

describe('snykFormat.parse rejections', () => {
  const error = { ok: false, error: 'Could not detect supported target files in /src', path: '/src' };

  it('detects the error output', () => {
    assert.equal(snykFormat.detect(new ReportInput(Buffer.from(JSON.stringify(error)))), true);
  });

  it('rejects the error output as a tool error', () => {
    assert.throws(
      () => parseJson(error),
      (rejection: unknown) => rejection instanceof ReportRejectedError && rejection.code === 'tool_error' && rejection.message.includes('Could not detect supported target files'),
    );
  });
});
