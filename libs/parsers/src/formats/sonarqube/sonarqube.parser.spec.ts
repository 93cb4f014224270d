import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { sonarqubeFormat } from './sonarqube.parser.js';

interface IssueJson {
  key: string;
  rule: string;
  severity: string;
  component: string;
  project: string;
  type: string;
  status: string;
  resolution?: string;
  message: string;
  tags: string[];
  line?: number;
  textRange?: { startLine: number; endLine: number };
}

interface HotspotJson {
  key: string;
  component: string;
  ruleKey: string;
  vulnerabilityProbability: string;
  securityCategory: string;
  status: string;
  resolution?: string;
  line: number;
  message: string;
}

interface ComponentJson {
  key: string;
  path?: string;
}

interface ResponseJson {
  total?: number;
  paging: { pageIndex: number; pageSize: number; total: number };
  issues?: IssueJson[];
  hotspots?: HotspotJson[];
  components: ComponentJson[];
}

const FOLDER = 'sonarqube-api-json';
const ISSUES = 'sonarqube-api_issues_search.json';
const HOTSPOTS = 'sonarqube-api_hotspots_search.json';
const EMPTY = 'sonarqube-api_issues_empty.json';

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'gitleaks-7.4.0_defectdojo-repo.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-legacy-array_debian-10.8_93-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
];

function sampleResponse(file: string): ResponseJson {
  return readSampleJson(FOLDER, file) as ResponseJson;
}

function sampleIssues(file: string): IssueJson[] {
  return sampleResponse(file).issues ?? [];
}

function sampleHotspots(file: string): HotspotJson[] {
  return sampleResponse(file).hotspots ?? [];
}

function parseSample(file: string) {
  return sonarqubeFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseResponse(response: unknown) {
  return sonarqubeFormat.parse(new ReportInput(Buffer.from(JSON.stringify(response))));
}

function issueAt(issues: IssueJson[], index: number): IssueJson {
  const issue = issues[index];
  assert.ok(issue !== undefined);
  return issue;
}

function pathOfComponent(response: ResponseJson, key: string): string | undefined {
  return response.components.find((component) => component.key === key)?.path;
}

describe('sonarqubeFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(sonarqubeFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks sonarqube for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'sonarqube');
    });
  }

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(sonarqubeFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('sonarqubeFormat.parse counts', () => {
  it('finds the VULNERABILITY issues', () => {
    const vulnerabilities = sampleIssues(ISSUES).filter((issue) => issue.type === 'VULNERABILITY');
    assert.equal(parseSample(ISSUES).findings.length, vulnerabilities.length);
  });

  it('counts BUG and CODE_SMELL issues in one warning', () => {
    const others = sampleIssues(ISSUES).filter((issue) => issue.type === 'BUG' || issue.type === 'CODE_SMELL');
    const warning = parseSample(ISSUES).warnings.find((candidate) => candidate.location === '/issues');
    assert.ok(others.length > 0);
    assert.ok(warning?.message.startsWith(`${others.length} issues`));
  });

  it('finds every hotspot', () => {
    const parsed = parseSample(HOTSPOTS);

    assert.equal(parsed.findings.length, sampleHotspots(HOTSPOTS).length);
    assert.equal(parsed.complete, true);
    assert.deepEqual(parsed.warnings, []);
  });

  it('reads the empty page', () => {
    const parsed = parseSample(EMPTY);

    assert.deepEqual(sampleIssues(EMPTY), []);
    assert.equal(parsed.findings.length, 0);
    assert.equal(parsed.complete, true);
  });
});

describe('sonarqubeFormat.parse paging', () => {
  it('marks a partial page incomplete', () => {
    const response = sampleResponse(ISSUES);
    assert.ok((response.total ?? 0) > sampleIssues(ISSUES).length);

    const parsed = parseSample(ISSUES);

    assert.equal(parsed.complete, false);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/total'));
  });

  it('warns on a total below the page count', () => {
    assert.ok(sampleResponse(ISSUES).paging.total < sampleIssues(ISSUES).length);
    assert.ok(parseSample(ISSUES).warnings.some((warning) => warning.location === '/paging/total'));
  });

  it('keeps a full page complete', () => {
    const response = sampleResponse(ISSUES);
    response.total = sampleIssues(ISSUES).length;
    response.paging.total = sampleIssues(ISSUES).length;
    assert.equal(parseResponse(response).complete, true);
  });

  it('marks a partial hotspot page incomplete', () => {
    const response = sampleResponse(HOTSPOTS);
    response.paging.total = 250;
    assert.equal(parseResponse(response).complete, false);
  });
});

describe('sonarqubeFormat.parse issues', () => {
  const issues = sampleIssues(ISSUES);
  const issue = issueAt(issues, 0);
  const finding = parseSample(ISSUES).findings[0];

  it('reads rule, key and project', () => {
    assert.equal(finding?.ruleId, issue.rule);
    assert.equal(finding?.fingerprint, issue.key);
    assert.equal(finding?.title, issue.message);
    assert.equal(finding?.sourcePointer, '/issues/0');
    assert.equal(parseSample(ISSUES).assetName, issue.project);
  });

  it('maps MAJOR to medium', () => {
    assert.equal(issue.severity, 'MAJOR');
    assert.equal(finding?.severity, 'medium');
    assert.equal(finding?.toolSeverity, 'MAJOR');
  });

  it('maps CRITICAL to high', () => {
    const index = issues.findIndex((candidate) => candidate.severity === 'CRITICAL');
    const findingIndex = issues.slice(0, index).filter((candidate) => candidate.type === 'VULNERABILITY').length;
    assert.equal(parseSample(ISSUES).findings[findingIndex]?.severity, 'high');
  });

  it('reads Dependency-Check issues as sca with the CVE', () => {
    assert.ok(issue.message.includes('Reference: CVE-2024-2529'));
    assert.equal(finding?.category, 'sca');
    assert.deepEqual(finding?.vulnerabilityIds, ['CVE-2024-2529']);
  });

  it('reads a GHSA reference', () => {
    const index = issues.findIndex((candidate) => candidate.message.includes('GHSA-frr2-c345-p7c2'));
    const findingIndex = issues.slice(0, index).filter((candidate) => candidate.type === 'VULNERABILITY').length;
    assert.deepEqual(parseSample(ISSUES).findings[findingIndex]?.vulnerabilityIds, ['GHSA-frr2-c345-p7c2']);
  });

  it('reads cwe tags', () => {
    assert.ok(issue.tags.includes('cwe-937'));
    assert.deepEqual(finding?.cwes, ['CWE-937']);
  });

  it('has no path for a project component', () => {
    assert.equal(issue.component, issue.project);
    assert.equal(finding?.location.path, null);
  });

  it('reads the path and lines of a file issue', () => {
    const response = sampleResponse(ISSUES);
    const bug = issueAt(response.issues ?? [], 1);
    bug.type = 'VULNERABILITY';

    const mapped = parseResponse(response).findings.find((candidate) => candidate.sourcePointer === '/issues/1');

    assert.equal(mapped?.category, 'sast');
    assert.equal(mapped?.location.path, pathOfComponent(response, bug.component));
    assert.equal(mapped?.location.startLine, bug.textRange?.startLine);
  });

  it('reads a SECURITY impact as a security issue', () => {
    const response = sampleResponse(ISSUES);
    const smell = issueAt(response.issues ?? [], 2) as IssueJson & { impacts: unknown[] };
    smell.impacts = [{ softwareQuality: 'SECURITY', severity: 'HIGH' }];

    const mapped = parseResponse(response).findings.find((candidate) => candidate.sourcePointer === '/issues/2');

    assert.equal(mapped?.severity, 'high');
    assert.equal(mapped?.toolSeverity, 'HIGH');
  });

  it('leaves closed issues out', () => {
    const response = sampleResponse(ISSUES);
    issueAt(response.issues ?? [], 0).status = 'CLOSED';
    assert.equal(parseResponse(response).findings.length, parseSample(ISSUES).findings.length - 1);
  });

  it('reads WONTFIX as suppressed', () => {
    const response = sampleResponse(ISSUES);
    issueAt(response.issues ?? [], 0).status = 'RESOLVED';
    issueAt(response.issues ?? [], 0).resolution = 'WONTFIX';
    assert.equal(parseResponse(response).findings[0]?.triage?.state, 'suppressed');
  });

  it('reads FALSE-POSITIVE as false positive', () => {
    const response = sampleResponse(ISSUES);
    issueAt(response.issues ?? [], 0).status = 'RESOLVED';
    issueAt(response.issues ?? [], 0).resolution = 'FALSE-POSITIVE';
    assert.equal(parseResponse(response).findings[0]?.triage?.state, 'false_positive');
  });
});

describe('sonarqubeFormat.parse hotspots', () => {
  const response = sampleResponse(HOTSPOTS);
  const hotspots = sampleHotspots(HOTSPOTS);
  const findings = parseSample(HOTSPOTS).findings;

  it('reads rule, key and probability', () => {
    const hotspot = hotspots[0];
    assert.equal(findings[0]?.ruleId, hotspot?.ruleKey);
    assert.equal(findings[0]?.fingerprint, hotspot?.key);
    assert.equal(hotspot?.vulnerabilityProbability, 'HIGH');
    assert.equal(findings[0]?.severity, 'high');
    assert.equal(findings[0]?.category, 'sast');
  });

  it('maps LOW probability to low', () => {
    assert.equal(hotspots[1]?.vulnerabilityProbability, 'LOW');
    assert.equal(findings[1]?.severity, 'low');
  });

  it('finds the path in components', () => {
    const hotspot = hotspots[1];
    assert.ok(hotspot !== undefined);
    assert.equal(hotspot.component.includes(':'), false);
    assert.equal(findings[1]?.location.path, pathOfComponent(response, hotspot.component));
    assert.equal(findings[1]?.location.startLine, hotspot.line);
  });

  it('folds double slashes of a path', () => {
    const hotspot = hotspots[3];
    assert.ok(pathOfComponent(response, hotspot?.component ?? '')?.includes('//'));
    assert.equal(findings[3]?.location.path, pathOfComponent(response, hotspot?.component ?? '')?.replace('//', '/'));
  });

  it('reads SAFE as not affected', () => {
    const changed = sampleResponse(HOTSPOTS);
    const hotspot = (changed.hotspots ?? [])[0];
    assert.ok(hotspot !== undefined);
    hotspot.status = 'REVIEWED';
    hotspot.resolution = 'SAFE';
    assert.equal(parseResponse(changed).findings[0]?.triage?.state, 'not_affected');
  });

  it('leaves fixed hotspots out', () => {
    const changed = sampleResponse(HOTSPOTS);
    const hotspot = (changed.hotspots ?? [])[0];
    assert.ok(hotspot !== undefined);
    hotspot.status = 'REVIEWED';
    hotspot.resolution = 'FIXED';
    assert.equal(parseResponse(changed).findings.length, hotspots.length - 1);
  });
});

describe('sonarqubeFormat.parse problems', () => {
  it('skips a malformed issue with a warning', () => {
    const response = sampleResponse(ISSUES);
    Reflect.deleteProperty(issueAt(response.issues ?? [], 3), 'rule');

    const parsed = parseResponse(response);

    assert.equal(parsed.findings.length, parseSample(ISSUES).findings.length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/issues/3'));
  });

  it('skips a malformed hotspot with a warning', () => {
    const response = sampleResponse(HOTSPOTS);
    (response.hotspots as unknown[])[2] = null;

    const parsed = parseResponse(response);

    assert.equal(parsed.findings.length, sampleHotspots(HOTSPOTS).length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/hotspots/2'));
  });

  it('rejects the error body with its message', () => {
    const body = Buffer.from(JSON.stringify({ errors: [{ msg: 'Insufficient privileges' }] }));
    assert.equal(sonarqubeFormat.detect(new ReportInput(body)), true);
    assert.throws(
      () => sonarqubeFormat.parse(new ReportInput(body)),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'tool_error' && error.message.includes('Insufficient privileges'),
    );
  });

  it('rejects a response without issues or hotspots', () => {
    assert.throws(() => parseResponse({ paging: {}, components: [] }), (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape');
  });
});
