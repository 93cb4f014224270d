import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FindingChanged, ParsedFinding } from '@sieve/contracts';
import { codeFinding, dependencyFinding, normalizedEvents, seedReport, testStageContext, useDedupTestDatabase } from '../testing/stage-fixtures.js';
import { DedupHandler } from './dedup.handler.js';
import { explainFinding } from './finding-explanation.js';
import { splitEvidence, SplitRejectedError } from './finding-split.js';

const database = useDedupTestDatabase();

const semgrep = codeFinding();
const codeql = codeFinding({ tool: { name: 'codeql', version: null }, ruleId: 'js/sql-injection', fingerprint: 'cq-1', location: { ...codeFinding().location, startLine: 14, endLine: 14, snippetHash: null } });
const snykCode = codeFinding({ tool: { name: 'SnykCode', version: null }, ruleId: 'javascript/Sqli', fingerprint: 'sc-1', location: { ...codeFinding().location, startLine: 13, endLine: 13, snippetHash: null } });

async function scan(asset: string, findings: ParsedFinding[]): Promise<FindingChanged[]> {
  const dedup = new DedupHandler(testStageContext(database.db.dataSource));
  const messages = await dedup.handle(normalizedEvents(await seedReport(database.repositories, asset), asset, findings));
  return messages.map((message) => message.value as FindingChanged);
}

async function findingOfTool(tool: string): Promise<string> {
  const [row] = await database.db.dataSource.query(`SELECT finding_id FROM evidences WHERE tool_name = $1`, [tool]);
  return row.finding_id;
}

async function evidenceOfTool(tool: string): Promise<string> {
  const [row] = await database.db.dataSource.query(`SELECT id FROM evidences WHERE tool_name = $1`, [tool]);
  return row.id;
}

async function findingCount(): Promise<number> {
  const [row] = await database.db.dataSource.query(`SELECT count(*)::int AS n FROM findings`);
  return row.n;
}

describe('splitEvidence on Postgres', () => {
  it('moves the evidence to a new finding', async () => {
    await scan('web', [semgrep]);
    await scan('web', [codeql]);
    const merged = await findingOfTool('semgrep');
    assert.equal(await findingOfTool('codeql'), merged);

    const outcome = await splitEvidence(testStageContext(database.db.dataSource), { findingId: merged, evidenceId: await evidenceOfTool('codeql'), actor: 'alice', reason: 'different query' });
    assert.equal(await findingOfTool('codeql'), outcome.newFindingId);
    assert.equal(await findingOfTool('semgrep'), merged);
    assert.deepEqual(outcome.movedKeys, [`fp|codeql|web|js/sql-injection|cq-1`]);
    assert.deepEqual(outcome.messages.map((message) => (message.value as FindingChanged).change).sort(), ['created', 'updated']);
  });

  it('gives each finding the fields of its own evidence', async () => {
    await scan('api', [{ ...semgrep, title: 'Tainted SQL string' }]);
    await scan('api', [{ ...codeql, title: 'Database query built from user-controlled sources' }]);
    const merged = await findingOfTool('semgrep');
    const outcome = await splitEvidence(testStageContext(database.db.dataSource), { findingId: merged, evidenceId: await evidenceOfTool('codeql'), actor: 'alice', reason: 'different query' });

    const rows = await database.db.dataSource.query(`SELECT id, title, rule_id, location->>'startLine' AS line FROM findings WHERE id = ANY($1::uuid[])`, [[merged, outcome.newFindingId]]);
    const byId = new Map(rows.map((row: { id: string }) => [row.id, row]));
    assert.deepEqual(byId.get(merged), { id: merged, title: 'Tainted SQL string', rule_id: semgrep.ruleId, line: String(semgrep.location.startLine) });
    assert.deepEqual(byId.get(outcome.newFindingId), { id: outcome.newFindingId, title: 'Database query built from user-controlled sources', rule_id: 'js/sql-injection', line: '14' });
  });

  it('survives rescans of both tools', async () => {
    await scan('web', [semgrep]);
    await scan('web', [codeql]);
    const merged = await findingOfTool('semgrep');
    const { newFindingId } = await splitEvidence(testStageContext(database.db.dataSource), { findingId: merged, evidenceId: await evidenceOfTool('codeql'), actor: 'alice', reason: 'different query' });

    await scan('web', [codeql]);
    await scan('web', [semgrep, codeql]);
    assert.equal(await findingCount(), 2);
    assert.equal(await findingOfTool('codeql'), newFindingId);
    assert.equal(await findingOfTool('semgrep'), merged);
  });

  it('keeps the split apart through a third tool', async () => {
    await scan('web', [semgrep]);
    await scan('web', [codeql]);
    const merged = await findingOfTool('semgrep');
    const { newFindingId } = await splitEvidence(testStageContext(database.db.dataSource), { findingId: merged, evidenceId: await evidenceOfTool('codeql'), actor: 'alice', reason: 'different query' });

    await scan('web', [snykCode]);
    assert.equal(await findingCount(), 2);
    assert.ok([merged, newFindingId].includes(await findingOfTool('SnykCode')));
    assert.equal(await findingOfTool('codeql'), newFindingId);
    assert.equal(await findingOfTool('semgrep'), merged);
  });

  it('keeps a split off a shared package key', async () => {
    await scan('host', [dependencyFinding()]);
    await scan('host', [dependencyFinding({ tool: { name: 'grype', version: null } })]);
    const merged = await findingOfTool('trivy');
    assert.equal(await findingOfTool('grype'), merged);
    const { newFindingId, movedKeys } = await splitEvidence(testStageContext(database.db.dataSource), { findingId: merged, evidenceId: await evidenceOfTool('grype'), actor: 'bob', reason: 'another image layer' });
    assert.deepEqual(movedKeys, []);

    await scan('host', [dependencyFinding({ tool: { name: 'grype', version: null } })]);
    await scan('host', [dependencyFinding(), dependencyFinding({ tool: { name: 'grype', version: null } })]);
    assert.equal(await findingCount(), 2);
    assert.equal(await findingOfTool('grype'), newFindingId);
  });

  it('rejects the only evidence', async () => {
    await scan('web', [semgrep]);
    const finding = await findingOfTool('semgrep');
    await assert.rejects(
      splitEvidence(testStageContext(database.db.dataSource), { findingId: finding, evidenceId: await evidenceOfTool('semgrep'), actor: 'alice', reason: 'x' }),
      (error: unknown) => error instanceof SplitRejectedError && error.code === 'only_evidence',
    );
  });
});

describe('explainFinding on Postgres', () => {
  it('names the rule and the matched evidence', async () => {
    await scan('web', [semgrep]);
    await scan('web', [codeql]);
    const explanation = await explainFinding(database.repositories, await findingOfTool('semgrep'));
    const joined = explanation?.evidences.find((evidence) => evidence.tool_name === 'codeql');
    assert.equal(explanation?.evidences.length, 2);
    assert.equal(joined?.match_rule, 'code-cwe-window');
    assert.equal(joined?.match_version, 2);
    assert.equal(joined?.matched_key, `evidence:${await evidenceOfTool('semgrep')}`);
    assert.match(String(joined?.match_detail?.['reason']), /CWE-89/);
    assert.deepEqual(explanation?.events.map((event) => event.type), ['merged']);
  });

  it('returns null for an unknown finding', async () => {
    assert.equal(await explainFinding(database.repositories, '00000000-0000-7000-8000-000000000000'), null);
  });
});
