import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError, imageName, normalizeRepoPath, redactSecrets, secretRef, snippetHash } from '@sieve/domain';
import { readSample, readSampleJson, sampleFiles } from '@sieve/testing';
import { ReportInput } from '../../report-input.js';
import { sarifFormat } from './sarif.parser.js';

interface RuleJson {
  id: string;
  name?: string;
  shortDescription?: { text: string };
  help?: { text: string };
  defaultConfiguration?: { level?: string };
  properties?: { tags?: string[]; cwe?: string[]; 'security-severity'?: string; cvssv3_vector?: string };
}

interface ResultJson {
  ruleId?: string;
  ruleIndex?: number;
  level?: string;
  message: { text: string };
  locations?: Array<{
    message?: { text: string };
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region?: { startLine?: number; snippet?: { text: string } };
      contextRegion?: { snippet?: { text: string } };
    };
  }>;
  partialFingerprints?: Record<string, string>;
  fingerprints?: Record<string, string>;
  properties?: Record<string, string | number | undefined>;
  [key: string]: unknown;
}

interface RunJson {
  tool: { driver: { rules?: RuleJson[] } };
  results: ResultJson[];
  properties?: { repoTags?: string[] };
  [key: string]: unknown;
}

interface SarifLogJson {
  runs: RunJson[];
  [key: string]: unknown;
}

const FOLDER = 'sarif';
const CODEQL = 'codeql-2.5.4_python-good-bad_72-results.sarif';
const LGTM = 'codeql-lgtm-1.26_defectdojo-2020-12-11_2-runs.sarif';
const DEPENDENCY_CHECK = 'dependency-check-6.1.2_defectdojo-venv.sarif';
const EMPTY_RUNS = 'edge_no-runs-property.sarif';
const GITLEAKS_7 = 'gitleaks-7.4.0_defectdojo-repo.sarif';
const GITLEAKS_8 = 'gitleaks-8_simple_dangling-ruleId.sarif';
const GOVULNCHECK = 'govulncheck-1.3.0.sarif';
const GRYPE = 'grype-0.34.7_cxf-3.4.6_jars.sarif';
const KICS = 'kics-dev_github-actions_windows-paths_taxonomies.sarif';
const SEMGREP = 'semgrep-oss-1.69.0_juice-shop_77-results.sarif';
const SNYK = 'snyk-code_juice-shop_39-results.sarif';
const TRIVY = 'trivy-dev_image_alpine-3.10.sarif';

const OTHER_FORMATS: Array<[string, string]> = [
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-dev_image_alpine-3.10_schema2_4-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep_empty.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
];

function sampleLog(file: string): SarifLogJson {
  return readSampleJson(FOLDER, file) as SarifLogJson;
}

function parseSample(file: string) {
  return sarifFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseLog(log: unknown) {
  return sarifFormat.parse(new ReportInput(Buffer.from(JSON.stringify(log))));
}

function rejection(log: unknown): ReportRejectedError {
  try {
    parseLog(log);
  } catch (error) {
    assert.ok(error instanceof ReportRejectedError);
    return error;
  }
  assert.fail('expected the log to be rejected');
}

function firstResult(log: SarifLogJson): ResultJson {
  const result = log.runs[0]?.results[0];
  assert.ok(result !== undefined);
  return result;
}

/** Secret values a Gitleaks SARIF sample carries: Gitleaks 7 in properties.offender, Gitleaks 8 as the snippet. */
function gitleaksSecrets(log: SarifLogJson): string[] {
  return log.runs.flatMap((run) =>
    run.results.map((result) => {
      const offender = result.properties?.['offender'];
      return typeof offender === 'string' ? offender : (result.locations?.[0]?.physicalLocation.region?.snippet?.text ?? '');
    }),
  );
}

describe('sarifFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(sarifFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });
  }

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(sarifFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }

  it('ignores text that is not JSON', () => {
    assert.equal(sarifFormat.detect(new ReportInput(Buffer.from('runs: []'))), false);
  });
});

describe('sarifFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every result of ${file}`, () => {
      const expected = sampleLog(file).runs.reduce((sum, run) => sum + run.results.length, 0);

      const parsed = parseSample(file);

      assert.equal(parsed.findings.length, expected);
      assert.equal(parsed.complete, true);
    });
  }
});

describe('sarifFormat.parse log shape', () => {
  it('reads an empty runs array as a complete empty log', () => {
    assert.deepEqual(sampleLog(EMPTY_RUNS).runs, []);

    const parsed = parseSample(EMPTY_RUNS);

    assert.equal(parsed.findings.length, 0);
    assert.equal(parsed.complete, true);
  });

  it('rejects a log without runs', () => {
    const log = sampleLog(EMPTY_RUNS);
    Reflect.deleteProperty(log, 'runs');
    assert.equal(rejection(log).code, 'missing_runs');
  });

  it('rejects runs null', () => {
    const log = { ...sampleLog(EMPTY_RUNS), runs: null };
    assert.equal(rejection(log).code, 'missing_runs');
  });

  it('rejects another SARIF version', () => {
    const log = { ...sampleLog(EMPTY_RUNS), version: '2.0.0' };
    assert.equal(rejection(log).code, 'unsupported_version');
  });

  it('rejects a top-level array', () => {
    assert.equal(rejection([sampleLog(EMPTY_RUNS)]).code, 'wrong_shape');
  });

  it('names the tool of the first run', () => {
    assert.deepEqual(parseSample(CODEQL).tool, { name: 'CodeQL', version: '2.5.4' });
  });

  it('skips a malformed result with a warning', () => {
    const log = sampleLog(SNYK);
    const run = log.runs[0];
    assert.ok(run !== undefined);
    const total = run.results.length;
    (run.results as unknown[])[3] = 42;

    const parsed = parseLog(log);

    assert.equal(parsed.findings.length, total - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/runs/0/results/3'));
  });

  it('marks a run without results incomplete', () => {
    const log = sampleLog(SNYK);
    Reflect.deleteProperty(log.runs[0] ?? {}, 'results');

    const parsed = parseLog(log);

    assert.equal(parsed.findings.length, 0);
    assert.equal(parsed.complete, false);
  });

  it('marks a failed invocation incomplete', () => {
    const log = sampleLog(SNYK);
    const run = log.runs[0];
    assert.ok(run !== undefined);
    run['invocations'] = [{ executionSuccessful: false }];

    assert.equal(parseLog(log).complete, false);
  });

  it('skips results absent from this run', () => {
    const log = sampleLog(SNYK);
    const run = log.runs[0];
    assert.ok(run !== undefined);
    const total = run.results.length;
    firstResult(log).baselineState = 'absent';

    const parsed = parseLog(log);

    assert.equal(parsed.findings.length, total - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === '/runs/0'));
  });

  it('skips results of kind pass', () => {
    const log = sampleLog(SNYK);
    const total = log.runs[0]?.results.length ?? 0;
    firstResult(log).kind = 'pass';

    assert.equal(parseLog(log).findings.length, total - 1);
  });
});

describe('sarifFormat.parse CodeQL', () => {
  const log = sampleLog(CODEQL);
  const parsed = parseSample(CODEQL);
  const rules = log.runs[0]?.tool.driver.rules ?? [];

  it('looks the rule up by ruleIndex', () => {
    const result = firstResult(log);
    const rule = rules[result.ruleIndex ?? -1];
    assert.equal(parsed.findings[0]?.ruleId, result.ruleId);
    assert.equal(parsed.findings[0]?.title, rule?.shortDescription?.text);
  });

  it('maps the rule default level', () => {
    const level = rules[firstResult(log).ruleIndex ?? -1]?.defaultConfiguration?.level;
    const expected = { error: 'high', warning: 'medium', note: 'low' }[level ?? ''];
    assert.equal(parsed.findings[0]?.severity, expected);
    assert.equal(parsed.findings[0]?.toolSeverity, level);
  });

  it('reads location and context snippet', () => {
    const physical = firstResult(log).locations?.[0]?.physicalLocation;
    const finding = parsed.findings[0];
    assert.equal(finding?.location.path, physical?.artifactLocation.uri);
    assert.equal(finding?.location.startLine, physical?.region?.startLine);
    assert.equal(finding?.location.snippetHash, snippetHash(physical?.contextRegion?.snippet?.text));
    assert.equal(finding?.sourcePointer, '/runs/0/results/0');
  });

  it('keeps only the primary line hash', () => {
    const hash = firstResult(log).partialFingerprints?.['primaryLocationLineHash'];
    assert.equal(parsed.findings[0]?.fingerprint, `primaryLocationLineHash=${hash}`);
  });

  it('reads CWEs from external/cwe tags', () => {
    const index = log.runs[0]?.results.findIndex((result) =>
      (rules[result.ruleIndex ?? -1]?.properties?.tags ?? []).some((tag) => tag.startsWith('external/cwe/')),
    );
    assert.ok(index !== undefined);
    assert.notEqual(index, -1);
    const result = log.runs[0]?.results[index];
    const tags = rules[result?.ruleIndex ?? -1]?.properties?.tags ?? [];
    const expected = tags.filter((tag) => tag.startsWith('external/cwe/')).map((tag) => `CWE-${Number(tag.split('cwe-')[1])}`);
    assert.deepEqual(parsed.findings[index]?.cwes, expected);
  });

  it('resolves a relative uriBaseId', () => {
    const copy = sampleLog(CODEQL);
    const run = copy.runs[0];
    assert.ok(run !== undefined);
    run['originalUriBaseIds'] = { '%SRCROOT%': { uri: 'service/', uriBaseId: 'REPO' }, REPO: { uri: 'file:///home/ci/repo/' } };

    const path = parseLog(copy).findings[0]?.location.path;

    assert.equal(path, `service/${firstResult(copy).locations?.[0]?.physicalLocation.artifactLocation.uri}`);
  });

  it('cuts an absolute URI below its base', () => {
    const copy = sampleLog(CODEQL);
    const run = copy.runs[0];
    const location = firstResult(copy).locations?.[0]?.physicalLocation.artifactLocation;
    assert.ok(run !== undefined);
    assert.ok(location !== undefined);
    const relative = location.uri;
    run['originalUriBaseIds'] = { '%SRCROOT%': { uri: 'file:///home/ci/repo/' } };
    location.uri = `file:///home/ci/repo/${relative}`;
    Reflect.deleteProperty(location, 'uriBaseId');

    assert.equal(parseLog(copy).findings[0]?.location.path, relative);
  });
});

describe('sarifFormat.parse LGTM', () => {
  const log = sampleLog(LGTM);
  const parsed = parseSample(LGTM);

  it('points into the second run', () => {
    const firstOfSecondRun = log.runs[0]?.results.length ?? 0;
    assert.equal(parsed.findings[firstOfSecondRun]?.sourcePointer, '/runs/1/results/0');
    assert.equal(parsed.findings[firstOfSecondRun]?.ruleId, log.runs[1]?.results[0]?.ruleId);
  });

  it('defaults a missing level to warning', () => {
    const run = log.runs[1];
    const index = run?.results.findIndex((result) => run.tool.driver.rules?.[result.ruleIndex ?? -1]?.defaultConfiguration?.level === undefined);
    assert.ok(index !== undefined);
    assert.notEqual(index, -1);
    const finding = parsed.findings[(log.runs[0]?.results.length ?? 0) + index];
    assert.equal(finding?.severity, 'medium');
    assert.equal(finding?.toolSeverity, 'warning (default)');
  });
});

describe('sarifFormat.parse Trivy image', () => {
  const log = sampleLog(TRIVY);
  const parsed = parseSample(TRIVY);
  const rule = log.runs[0]?.tool.driver.rules?.[firstResult(log).ruleIndex ?? -1];
  const repoTag = log.runs[0]?.properties?.repoTags?.[0] ?? '';

  it('files OS packages as container findings', () => {
    assert.equal(parsed.findings[0]?.category, 'container');
    assert.equal(parsed.findings[0]?.location.image, repoTag.slice(0, repoTag.lastIndexOf(':')));
    assert.equal(parsed.findings[0]?.location.path, null);
  });

  it('names the image as asset', () => {
    assert.equal(parsed.assetName, repoTag.slice(0, repoTag.lastIndexOf(':')));
  });

  it('takes the CVE from the rule id', () => {
    assert.deepEqual(parsed.findings[0]?.vulnerabilityIds, [firstResult(log).ruleId]);
  });

  it('maps security-severity', () => {
    const score = Number(rule?.properties?.['security-severity']);
    assert.ok(score >= 4);
    assert.ok(score < 7);
    assert.equal(parsed.findings[0]?.severity, 'medium');
  });

  it('reads the package from the message', () => {
    // Trivy's location message repeats the package as "<target>: <name>@<version>".
    const nameAtVersion = firstResult(log).locations?.[0]?.message?.text.split(': ')[1] ?? '';
    const [name, version] = nameAtVersion.split('@');
    assert.equal(parsed.findings[0]?.package?.name, name);
    assert.equal(parsed.findings[0]?.package?.version, version);
    assert.equal(parsed.findings[0]?.package?.purl, `pkg:generic/${nameAtVersion}`);
  });

  it('keeps packages with one CVE apart', () => {
    const sameCve = parsed.findings.filter((finding) => finding.ruleId === firstResult(log).ruleId);
    const purls = new Set(sameCve.map((finding) => finding.package?.purl));
    assert.equal(sameCve.length, 2);
    assert.equal(purls.size, 2);
  });

  it('parses the rule CVSS vectors', () => {
    const vectors = parsed.findings[0]?.cvss.map((cvss) => cvss.vector);
    assert.ok(vectors?.includes(rule?.properties?.cvssv3_vector ?? ''));
  });
});

describe('sarifFormat.parse SCA producers', () => {
  it('splits the CVE off a Grype rule id', () => {
    const result = firstResult(sampleLog(GRYPE));
    const finding = parseSample(GRYPE).findings[0];
    assert.equal(finding?.category, 'sca');
    assert.deepEqual(finding?.vulnerabilityIds, [/^CVE-\d+-\d+/.exec(result.ruleId ?? '')?.[0]]);
  });

  it('reads the Grype package', () => {
    const log = sampleLog(GRYPE);
    const help = log.runs[0]?.tool.driver.rules?.find((rule) => rule.id === firstResult(log).ruleId)?.help?.text ?? '';
    const finding = parseSample(GRYPE).findings[0];
    assert.equal(finding?.package?.name, /^Package: (.+)$/m.exec(help)?.[1]);
    assert.equal(finding?.package?.version, /^Version: (.+)$/m.exec(help)?.[1]);
    assert.equal(finding?.package?.ecosystem, 'generic');
  });

  it('adds govulncheck tag aliases', () => {
    const log = sampleLog(GOVULNCHECK);
    const result = firstResult(log);
    const tags = log.runs[0]?.tool.driver.rules?.find((rule) => rule.id === result.ruleId)?.properties?.tags ?? [];
    assert.deepEqual(parseSample(GOVULNCHECK).findings[0]?.vulnerabilityIds, [result.ruleId, ...tags]);
  });

  it('maps govulncheck levels', () => {
    const log = sampleLog(GOVULNCHECK);
    const parsed = parseSample(GOVULNCHECK);
    const expected = { error: 'high', warning: 'medium', note: 'low' } as Record<string, string>;
    log.runs[0]?.results.forEach((result, index) => {
      assert.equal(parsed.findings[index]?.severity, expected[result.level ?? '']);
    });
  });

  it('rebuilds Dependency-Check CVSS metrics', () => {
    const log = sampleLog(DEPENDENCY_CHECK);
    const index = log.runs[0]?.results.findIndex((result) => result.properties?.['cvssv3_baseScore'] !== undefined) ?? -1;
    const result = log.runs[0]?.results[index];
    const finding = parseSample(DEPENDENCY_CHECK).findings[index];
    const v3 = finding?.cvss.find((cvss) => cvss.version.startsWith('3'));
    assert.equal(v3?.baseScore, result?.properties?.['cvssv3_baseScore']);
    assert.equal(v3?.source, 'nvd');
    assert.equal(finding?.toolSeverity, result?.properties?.['cvssv3_baseSeverity']);
  });

  it('prefers the Dependency-Check severity word', () => {
    const log = sampleLog(DEPENDENCY_CHECK);
    const result = firstResult(log);
    const finding = parseSample(DEPENDENCY_CHECK).findings[0];
    assert.equal(result.level, 'error');
    assert.equal(finding?.toolSeverity, result.properties?.['severity']);
    assert.equal(finding?.severity, result.properties?.['severity']);
  });

  it('makes absolute file URIs relative', () => {
    const uri = firstResult(sampleLog(DEPENDENCY_CHECK)).locations?.[0]?.physicalLocation.artifactLocation.uri ?? '';
    assert.equal(parseSample(DEPENDENCY_CHECK).findings[0]?.location.path, uri.replace(/^file:\/+/, ''));
  });
});

describe('sarifFormat.parse code scanners', () => {
  it('reads KICS as IaC with a fail kind', () => {
    const log = sampleLog(KICS);
    const finding = parseSample(KICS).findings[0];
    const rule = log.runs[0]?.tool.driver.rules?.[0];
    assert.equal(finding?.category, 'iac');
    assert.equal(finding?.toolSeverity, rule?.defaultConfiguration?.level);
    assert.equal(finding?.location.path, normalizeRepoPath(firstResult(log).locations?.[0]?.physicalLocation.artifactLocation.uri ?? ''));
  });

  it('maps a Semgrep severity word', () => {
    const log = sampleLog(SEMGREP);
    const result = firstResult(log);
    const rule = log.runs[0]?.tool.driver.rules?.find((candidate) => candidate.id === result.ruleId);
    const finding = parseSample(SEMGREP).findings[0];
    assert.equal(finding?.toolSeverity, rule?.properties?.['security-severity']);
    assert.equal(finding?.severity, rule?.properties?.['security-severity']?.toLowerCase());
  });

  it('reads Semgrep fingerprints and CWE tags', () => {
    const log = sampleLog(SEMGREP);
    const result = firstResult(log);
    const rule = log.runs[0]?.tool.driver.rules?.find((candidate) => candidate.id === result.ruleId);
    const finding = parseSample(SEMGREP).findings[0];
    assert.equal(finding?.fingerprint, `matchBasedId/v1=${result.fingerprints?.['matchBasedId/v1']}`);
    assert.deepEqual(finding?.cwes, rule?.properties?.tags?.filter((tag) => /^CWE-\d+$/.test(tag)));
    assert.equal(finding?.location.snippetHash, snippetHash(result.locations?.[0]?.physicalLocation.region?.snippet?.text));
  });

  it('reads Snyk Code CWE properties', () => {
    const log = sampleLog(SNYK);
    const rule = log.runs[0]?.tool.driver.rules?.[firstResult(log).ruleIndex ?? -1];
    assert.deepEqual(parseSample(SNYK).findings[0]?.cwes, rule?.properties?.cwe);
  });

  it('ignores a level named constructor', () => {
    const log = sampleLog(SNYK);
    const rule = log.runs[0]?.tool.driver.rules?.[firstResult(log).ruleIndex ?? -1];
    firstResult(log).level = 'constructor';

    const finding = parseLog(log).findings[0];

    assert.equal(rule?.defaultConfiguration?.level, 'warning');
    assert.equal(finding?.severity, 'medium');
    assert.equal(finding?.toolSeverity, 'warning');
  });

  it('sorts fingerprint keys', () => {
    const fingerprints = firstResult(sampleLog(SNYK)).fingerprints ?? {};
    assert.equal(parseSample(SNYK).findings[0]?.fingerprint, `0=${fingerprints['0']};1=${fingerprints['1']}`);
  });

  it('joins several primary line hashes by key', () => {
    const log = sampleLog(SNYK);
    firstResult(log).partialFingerprints = {
      'primaryLocationLineHash/v2': 'b',
      primaryLocationLineHash: 'a',
      primaryLocationStartColumnFingerprint: '4',
    };

    assert.equal(parseLog(log).findings[0]?.fingerprint, 'primaryLocationLineHash=a;primaryLocationLineHash/v2=b');
  });

  it('falls back to every partial fingerprint', () => {
    const log = sampleLog(SNYK);
    firstResult(log).partialFingerprints = { zeta: 'z', alpha: 'a', email: 'dev@example.com' };

    assert.equal(parseLog(log).findings[0]?.fingerprint, 'alpha=a;zeta=z');
  });

  it('titles a CRLF message by its first line', () => {
    const log = sampleLog(SNYK);
    const result = firstResult(log);
    delete result.ruleId;
    delete result.ruleIndex;
    result.message = { text: '  First line \r\nsecond line' };

    assert.equal(parseLog(log).findings[0]?.title, 'First line');
  });

  it('reads a CVSS vector under an upper-case key', () => {
    const log = sampleLog(SNYK);
    firstResult(log).properties = { CVSSV3_VECTOR: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' };

    assert.deepEqual(
      parseLog(log).findings[0]?.cvss.map((cvss) => cvss.baseScore),
      [9.8],
    );
  });

  it('reads an accepted suppression as triage', () => {
    const log = sampleLog(SNYK);
    firstResult(log).suppressions = [{ kind: 'external', justification: 'test fixture' }];

    const triage = parseLog(log).findings[0]?.triage;

    assert.equal(triage?.state, 'suppressed');
    assert.equal(triage?.justification, 'test fixture');
  });

  it('leaves a suppression under review open', () => {
    const log = sampleLog(SNYK);
    firstResult(log).suppressions = [{ kind: 'external', status: 'underReview' }];

    assert.equal(parseLog(log).findings[0]?.triage, null);
  });
});

describe('sarifFormat.parse Gitleaks', () => {
  it('finds the rule named by the message', () => {
    const log = sampleLog(GITLEAKS_7);
    const finding = parseSample(GITLEAKS_7).findings[0];
    const ruleId = log.runs[0]?.tool.driver.rules?.find((rule) => firstResult(log).message.text.startsWith(`${rule.id} `))?.id;
    assert.ok(ruleId !== undefined);
    assert.equal(finding?.ruleId, ruleId);
    assert.equal(finding?.category, 'secret');
  });

  it('hashes the Gitleaks 7 offender', () => {
    const offender = String(firstResult(sampleLog(GITLEAKS_7)).properties?.['offender']);
    assert.deepEqual(parseSample(GITLEAKS_7).findings[0]?.secret, secretRef(offender));
  });

  it('hashes the Gitleaks 8 snippet', () => {
    const result = firstResult(sampleLog(GITLEAKS_8));
    const finding = parseSample(GITLEAKS_8).findings[0];
    assert.deepEqual(finding?.secret, secretRef(result.locations?.[0]?.physicalLocation.region?.snippet?.text ?? ''));
    assert.equal(finding?.ruleId, result.ruleId);
  });

  it('ignores commit metadata fingerprints', () => {
    assert.ok(firstResult(sampleLog(GITLEAKS_8)).partialFingerprints !== undefined);
    assert.equal(parseSample(GITLEAKS_8).findings[0]?.fingerprint, null);
  });

  for (const file of [GITLEAKS_7, GITLEAKS_8]) {
    it(`keeps no secret of ${file}`, () => {
      const secrets = gitleaksSecrets(sampleLog(file));
      const parsed = parseSample(file);
      const output = JSON.stringify(parsed.findings) + JSON.stringify(parsed.warnings);
      assert.ok(secrets.length > 0);
      for (const secret of secrets) {
        assert.equal(output.includes(secret), false, `secret of ${secret.length} characters found in the output`);
        assert.ok(parsed.secretValues.includes(secret));
      }
    });

    it(`reads the redacted copy of ${file} alike`, () => {
      const original = parseSample(file);
      const redacted = sarifFormat.parse(new ReportInput(Buffer.from(redactSecrets(readSample(FOLDER, file).toString('utf8'), original.secretValues))));
      assert.deepEqual(
        redacted.findings.map((finding) => [finding.secret, finding.location.snippetHash]),
        original.findings.map((finding) => [finding.secret, finding.location.snippetHash]),
      );
      assert.deepEqual(redacted.secretValues, []);
    });
  }
});

describe('sarifFormat.parse image names', () => {
  it('strips the tag from repoTags', () => {
    const log = sampleLog(TRIVY);
    const run = log.runs[0];
    assert.ok(run !== undefined);
    run.properties = { repoTags: ['registry.example.com:5000/team/app:1.2.3'] };

    assert.equal(parseLog(log).assetName, imageName('registry.example.com:5000/team/app:1.2.3'));
    assert.equal(parseLog(log).assetName, 'registry.example.com:5000/team/app');
  });
});
