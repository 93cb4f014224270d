import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { detectFormat } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import type { ParseResult } from '../../report-format.js';
import { githubDependabotFormat } from './github-dependabot.parser.js';

type Json = Record<string, unknown>;

const FOLDER = 'github-dependabot-alerts-graphql';
const SEARCH = 'gh-graphql-search_5-alerts.json';
const SEARCH_ZERO = 'gh-graphql-search_zero.json';
const REPOSITORY = 'gh-graphql-vulnerabilityAlerts_1-alert.json';
const REPOSITORY_ALERT = '/data/repository/vulnerabilityAlerts/nodes/0';

const OTHER_FORMAT_FOLDERS = ['sarif', 'cyclonedx-json', 'trivy-json', 'grype-json', 'semgrep-json', 'npm-audit-json', 'gitleaks-json'];

function parseSample(file: string): ParseResult {
  return githubDependabotFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseJson(report: unknown): ParseResult {
  return githubDependabotFormat.parse(new ReportInput(Buffer.from(JSON.stringify(report))));
}

function get(value: unknown, ...path: Array<string | number>): unknown {
  return path.reduce<unknown>((current, key) => (current as Record<string | number, unknown> | undefined)?.[key], value);
}

function repositoriesOf(report: unknown): Json[] {
  const repository = get(report, 'data', 'repository');
  return repository === undefined ? (get(report, 'data', 'search', 'nodes') as Json[]) : [repository as Json];
}

function alertsOf(repository: unknown): Json[] {
  return get(repository, 'vulnerabilityAlerts', 'nodes') as Json[];
}

function expectedCount(report: unknown): number {
  return repositoriesOf(report).reduce((sum, repository) => sum + alertsOf(repository).length, 0);
}

function findingAt(result: ParseResult, sourcePointer: string): ParsedFinding {
  const finding = result.findings.find((candidate) => candidate.sourcePointer === sourcePointer);
  assert.ok(finding, `no finding at ${sourcePointer}`);
  return finding;
}

describe('githubDependabotFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(githubDependabotFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks github-dependabot for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'github-dependabot');
    });
  }

  for (const folder of OTHER_FORMAT_FOLDERS) {
    for (const file of sampleFiles(folder)) {
      it(`ignores ${folder}/${file}`, () => {
        assert.equal(githubDependabotFormat.detect(new ReportInput(readSample(folder, file))), false);
      });
    }
  }
});

describe('githubDependabotFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`reads every alert of ${file}`, () => {
      const result = parseSample(file);
      assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, file)));
      assert.deepEqual(result.warnings, []);
      assert.equal(result.complete, true);
    });
  }
});

describe('githubDependabotFormat.parse repository alerts', () => {
  const result = parseSample(REPOSITORY);

  it('puts the GHSA id first', () => {
    assert.deepEqual(findingAt(result, REPOSITORY_ALERT).vulnerabilityIds, ['GHSA-4wrc-f8pq-fpqp', 'CVE-2016-1000027']);
  });

  it('reads the pinned version and the fix', () => {
    const finding = findingAt(result, REPOSITORY_ALERT);
    assert.equal(finding.package?.purl, 'pkg:maven/org.springframework/spring-web@5.3.29');
    assert.deepEqual(finding.package?.fixedVersions, ['6.0.0']);
  });

  it('maps severity and CVSS', () => {
    const finding = findingAt(result, REPOSITORY_ALERT);
    assert.equal(finding.severity, 'critical');
    assert.deepEqual(finding.cvss.map((cvss) => [cvss.baseScore, cvss.source]), [[9.8, 'ghsa']]);
  });

  it('maps location and fingerprint', () => {
    const finding = findingAt(result, REPOSITORY_ALERT);
    assert.equal(finding.location.path, 'sompath/pom.xml');
    assert.equal(finding.fingerprint, 'RVA_kwDOLJyUo88AAAABQUWapw');
    assert.equal(finding.triage, null);
  });
});

describe('githubDependabotFormat.parse search results', () => {
  const report = readSampleJson(FOLDER, SEARCH);
  const result = parseSample(SEARCH);
  const alerts = alertsOf(repositoriesOf(report)[0]);

  it('maps each severity word', () => {
    alerts.forEach((alert, index) => {
      const word = String(get(alert, 'securityVulnerability', 'severity'));
      const expected = word === 'MODERATE' ? 'medium' : word.toLowerCase();
      assert.equal(findingAt(result, `/data/search/nodes/0/vulnerabilityAlerts/nodes/${index}`).severity, expected);
    });
  });

  it('builds a generic purl without ecosystem', () => {
    const finding = findingAt(result, '/data/search/nodes/0/vulnerabilityAlerts/nodes/2');
    assert.equal(finding.package?.purl, 'pkg:generic/package03');
    assert.equal(finding.package?.version, null);
  });

  it('names the repository', () => {
    assert.equal(result.assetName, 'test-repository');
    assert.equal(parseSample(SEARCH_ZERO).assetName, 'test-repository');
  });
});

describe('githubDependabotFormat.parse alert states', () => {
  function withState(changes: Json): ParsedFinding {
    const report = readSampleJson(FOLDER, REPOSITORY);
    const alert = alertsOf(repositoriesOf(report)[0])[0] as Json;
    for (const [key, value] of Object.entries(changes)) {
      alert[key] = value;
    }
    return findingAt(parseJson(report), REPOSITORY_ALERT);
  }

  it('maps NOT_USED to not_affected', () => {
    const finding = withState({ state: 'DISMISSED', dismissReason: 'NOT_USED', dismissComment: 'Only in a dev tool' });
    assert.deepEqual(finding.triage, { state: 'not_affected', justification: 'not_used', detail: 'Only in a dev tool' });
  });

  it('maps INACCURATE to false_positive', () => {
    assert.equal(withState({ state: 'DISMISSED', dismissReason: 'INACCURATE' }).triage?.state, 'false_positive');
  });

  it('maps FIXED to fixed', () => {
    assert.equal(withState({ state: 'FIXED', fixedAt: '2024-02-01T00:00:00Z' }).triage?.state, 'fixed');
  });
});

describe('githubDependabotFormat.parse edges', () => {
  it('reads alerts written as edges', () => {
    const report = readSampleJson(FOLDER, REPOSITORY);
    const connection = get(report, 'data', 'repository', 'vulnerabilityAlerts') as Json;
    connection['edges'] = (connection['nodes'] as Json[]).map((node) => ({ node }));
    delete connection['nodes'];

    const finding = findingAt(parseJson(report), '/data/repository/vulnerabilityAlerts/edges/0/node');
    assert.equal(finding.vulnerabilityIds[0], 'GHSA-4wrc-f8pq-fpqp');
  });

  it('marks a page with more alerts incomplete', () => {
    const report = readSampleJson(FOLDER, REPOSITORY);
    (get(report, 'data', 'repository', 'vulnerabilityAlerts') as Json)['pageInfo'] = { hasNextPage: true, endCursor: 'Y3Vyc29y' };
    assert.equal(parseJson(report).complete, false);
  });
});

describe('githubDependabotFormat.parse malformed records', () => {
  it('skips an alert that is not an object', () => {
    const report = readSampleJson(FOLDER, SEARCH);
    alertsOf(repositoriesOf(report)[0])[1] = null as unknown as Json;

    const result = parseJson(report);
    assert.equal(result.findings.length, expectedCount(readSampleJson(FOLDER, SEARCH)) - 1);
    assert.deepEqual(result.warnings.map((warning) => warning.location), ['/data/search/nodes/0/vulnerabilityAlerts/nodes/1']);
  });
});

describe('githubDependabotFormat.parse rejections', () => {
  it('rejects a GraphQL error response', () => {
    const response = { data: null, errors: [{ type: 'NOT_FOUND', path: ['repository'], message: "Could not resolve to a Repository with the name 'acme/missing'." }] };
    assert.throws(
      () => parseJson(response),
      (rejection: unknown) => rejection instanceof ReportRejectedError && rejection.code === 'tool_error' && rejection.message.includes('acme/missing'),
    );
  });
});
