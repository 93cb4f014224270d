import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '@sieve/telemetry';
import { createTestDatabase, readSample, testDatabaseUrl, type TestDatabase } from '@sieve/testing';
import { EmbeddedPipeline } from '../embedded-pipeline.js';

let db: TestDatabase;
let pipeline: EmbeddedPipeline;

before(async () => {
  db = await createTestDatabase();
  pipeline = await EmbeddedPipeline.start({ database: { kind: 'postgres', url: testDatabaseUrl(), schema: db.schema }, logger: silentLogger() });
});
after(async () => {
  await pipeline.close();
  await db.drop();
});

/** Ingests each sample as its own report and runs it through every stage before the next, so later reports meet stored findings. */
async function ingest(asset: string, samples: Array<[string, string]>): Promise<void> {
  for (const [folder, file] of samples) {
    await pipeline.submit({ bytes: readSample(folder, file), asset, assetSource: 'submitter', sourceName: file });
    await pipeline.drain();
  }
}

interface EvidenceAt {
  finding_id: string;
  tool_name: string;
  rule_id: string | null;
  match_rule: string;
  match_version: number | null;
  match_detail: { kind: string; reason?: string; matchedEvidenceId?: string } | null;
  start_line: number | null;
}

async function evidencesAt(asset: string, path: string): Promise<EvidenceAt[]> {
  return db.dataSource.query(
    `SELECT finding_id, tool_name, rule_id, match_rule, match_version, match_detail, (location->>'startLine')::int AS start_line
     FROM evidences WHERE asset = $1 AND replace(location->>'path', '\\', '/') = $2 ORDER BY start_line, tool_name`,
    [asset, path],
  );
}

function findingsOf(evidences: EvidenceAt[]): Map<string, EvidenceAt[]> {
  const byFinding = new Map<string, EvidenceAt[]>();
  for (const evidence of evidences) byFinding.set(evidence.finding_id, [...(byFinding.get(evidence.finding_id) ?? []), evidence]);
  return byFinding;
}

async function findingCount(asset: string): Promise<number> {
  const [row] = await db.dataSource.query(`SELECT count(*)::int AS n FROM findings WHERE asset = $1`, [asset]);
  return row.n;
}

const JUICE_SHOP: Array<[string, string]> = [
  ['sarif', 'semgrep-oss-1.69.0_juice-shop_77-results.sarif'],
  ['sarif', 'snyk-code_juice-shop_39-results.sarif'],
];

describe('cross-tool dedup on Postgres: Semgrep and Snyk Code', () => {
  before(async () => {
    await ingest('juice-shop', JUICE_SHOP);
  });

  it('merges SSRF with the nearest Semgrep result', async () => {
    const evidences = await evidencesAt('juice-shop', 'routes/profileImageUrlUpload.ts');
    const merged = [...findingsOf(evidences).values()].find((group) => group.length === 2);
    assert.ok(merged, 'expected one finding with two evidences');
    assert.deepEqual(merged.map((e) => [e.tool_name, e.start_line]), [['Semgrep OSS', 18], ['SnykCode', 22]]);
    const joined = merged.find((e) => e.tool_name === 'SnykCode')!;
    assert.equal(joined.match_rule, 'code-cwe-window');
    assert.equal(joined.match_version, 2);
    assert.match(joined.match_detail?.reason ?? '', /CWE-918/);
  });

  it('merges NoSQL injection two lines apart', async () => {
    const findings = findingsOf(await evidencesAt('juice-shop', 'routes/likeProductReviews.ts'));
    const tools = [...findings.values()].map((group) => group.map((e) => e.tool_name).sort());
    assert.ok(tools.some((group) => group.length === 2 && group[0] === 'Semgrep OSS' && group[1] === 'SnykCode'), JSON.stringify(tools));
  });

  it('merges hard-coded secrets by rule family', async () => {
    const findings = findingsOf(await evidencesAt('juice-shop', 'lib/insecurity.ts'));
    const merged = [...findings.values()].find((group) => group.some((e) => e.rule_id?.endsWith('hardcoded-jwt-secret')) && group.length > 1);
    assert.ok(merged, 'expected the hard-coded JWT secret merged across tools');
    assert.equal(merged.find((e) => e.tool_name === 'SnykCode')?.match_rule, 'code-family-window');
  });

  it('keeps XPath injection and XSS apart', async () => {
    const evidences = await evidencesAt('juice-shop', 'routes/recycles.ts');
    const xpath = evidences.find((e) => e.rule_id?.endsWith('node-xpath-injection'));
    const xss = evidences.find((e) => e.rule_id === 'javascript/XSS');
    assert.ok(xpath, 'XPath injection result missing');
    assert.ok(xss, 'XSS result missing');
    assert.notEqual(xpath.finding_id, xss.finding_id);
  });

  it('changes nothing when both reports come again', async () => {
    const before = await findingCount('juice-shop');
    const provenance = await db.dataSource.query(`SELECT id, finding_id, match_rule FROM evidences WHERE asset = 'juice-shop' ORDER BY id`);
    await ingest('juice-shop', JUICE_SHOP);
    assert.equal(await findingCount('juice-shop'), before);
    assert.deepEqual(await db.dataSource.query(`SELECT id, finding_id, match_rule FROM evidences WHERE asset = 'juice-shop' ORDER BY id`), provenance);
  });
});

describe('cross-tool dedup on Postgres: Bandit, GitLab SAST and CodeQL', () => {
  before(async () => {
    await ingest('defectdojo', [
      ['bandit-json', 'bandit_defectdojo-2020-12-30_214-issues.json'],
      ['gitlab-sast', 'gl-sast_v2.3_multi-analyzer_467-vulns.json'],
      ['sarif', 'codeql-lgtm-1.26_defectdojo-2020-12-11_2-runs.sarif'],
    ]);
  });

  it('merges one engine in two formats by rule id', async () => {
    const evidences = (await evidencesAt('defectdojo', 'dojo/cred/views.py')).filter((e) => e.start_line === 602);
    const bandit = evidences.find((e) => e.rule_id === 'B110');
    const gitlab = evidences.find((e) => e.tool_name !== bandit?.tool_name && e.match_rule === 'code-same-rule-window');
    assert.ok(bandit, JSON.stringify(evidences));
    assert.ok(gitlab, JSON.stringify(evidences));
    assert.equal(gitlab.finding_id, bandit.finding_id);
  });

  it('keeps a broad catch apart from a swallowed exception', async () => {
    const evidences = (await evidencesAt('defectdojo', 'dojo/cred/views.py')).filter((e) => e.start_line === 602);
    const codeql = evidences.find((e) => e.rule_id?.endsWith('py/catch-base-exception'));
    const bandit = evidences.find((e) => e.rule_id === 'B110');
    assert.ok(codeql, JSON.stringify(evidences));
    assert.ok(bandit, JSON.stringify(evidences));
    assert.notEqual(codeql.finding_id, bandit.finding_id);
  });

  it('records a merged event for each joined finding', async () => {
    const [row] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM finding_events fe JOIN findings f ON f.id = fe.finding_id WHERE f.asset = 'defectdojo' AND fe.type = 'merged'`,
    );
    const [joined] = await db.dataSource.query(`SELECT count(*)::int AS n FROM evidences WHERE asset = 'defectdojo' AND match_rule LIKE 'code-%'`);
    assert.ok(joined.n > 0);
    assert.equal(row.n, joined.n);
  });
});

describe('cross-tool dedup on Postgres: Trivy and Grype', () => {
  it('merges the same CVE in the same Debian package', async () => {
    await ingest('debian-image', [
      ['trivy-json', 'trivy-legacy-array_debian-10.8_93-vulns.json'],
      ['grype-json', 'grype-0.7.0_image_defectdojo-django-1.13.1_327-matches.json'],
    ]);
    const [row] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT finding_id FROM evidences WHERE asset = 'debian-image' GROUP BY finding_id HAVING count(DISTINCT tool_name) > 1) t`,
    );
    assert.equal(row.n, 70);
  });
});
