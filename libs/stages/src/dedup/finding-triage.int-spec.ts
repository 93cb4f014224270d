import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FindingChanged, ParsedFinding } from '@sieve/contracts';
import { codeFinding, dependencyFinding, normalizedEvents, seedReport, testStageContext, useDedupTestDatabase } from '../testing/stage-fixtures.js';
import { DedupHandler } from './dedup.handler.js';
import { editFinding, triageFinding, TriageRejectedError, type TriageRequest } from './finding-triage.js';
import { LifecycleHandler } from './lifecycle.handler.js';

const database = useDedupTestDatabase();
const DAY = 24 * 60 * 60 * 1000;

async function scan(context: ReturnType<typeof testStageContext>, asset: string, findings: ParsedFinding[], complete = false, tool = 'semgrep'): Promise<string> {
  const reportId = await seedReport(database.repositories, asset);
  const messages = await new DedupHandler(context).handle(normalizedEvents(reportId, asset, findings));
  await new LifecycleHandler(context).handle({
    eventId: `parsed-${reportId}`, reportId, asset, scope: '', format: 'sarif', tool: { name: tool, version: null },
    status: 'parsed', error: null, warnings: [], findingCount: findings.length, complete, parsedAt: 0,
  });
  return (messages[0]?.value as FindingChanged | undefined)?.findingId ?? '';
}

async function finding(id: string): Promise<{ status: string; description: string | null; severity: string; fixed_versions: string[]; human_fields: string[]; triage: Record<string, unknown> | null }> {
  const [row] = await database.db.dataSource.query(`SELECT status, description, severity, fixed_versions, human_fields, triage FROM findings WHERE id = $1`, [id]);
  return row;
}

function request(findingId: string, overrides: Partial<TriageRequest>): TriageRequest {
  return { findingId, status: 'false_positive', reason: 'test data only', actor: 'alice', approver: null, expiresAt: null, ...overrides };
}

describe('triageFinding on Postgres', () => {
  it('keeps a false positive through rescans', async () => {
    const context = testStageContext(database.db.dataSource);
    const id = await scan(context, 'web', [codeFinding()]);
    await triageFinding(context, request(id, {}));
    await scan(context, 'web', [codeFinding()], true);
    await scan(context, 'web', [], true);
    assert.equal((await finding(id)).status, 'false_positive');
  });

  it('keeps a false positive through a merge', async () => {
    const context = testStageContext(database.db.dataSource);
    const id = await scan(context, 'web', [codeFinding()]);
    await triageFinding(context, request(id, {}));
    const codeql = codeFinding({ tool: { name: 'codeql', version: null }, ruleId: 'js/sql-injection', fingerprint: 'cq', location: { ...codeFinding().location, startLine: 13, endLine: 13, snippetHash: null } });
    await scan(context, 'web', [codeql]);
    const [joined] = await database.db.dataSource.query(`SELECT finding_id FROM evidences WHERE tool_name = 'codeql'`);
    assert.equal(joined.finding_id, id);
    assert.equal((await finding(id)).status, 'false_positive');
  });

  it('records who and why', async () => {
    const context = testStageContext(database.db.dataSource);
    const id = await scan(context, 'web', [codeFinding()]);
    await triageFinding(context, request(id, { status: 'risk_accepted', approver: 'carol', expiresAt: new Date(context.now().getTime() + 30 * DAY), reason: 'compensating WAF rule' }));
    const history = await database.repositories.findingEvents.findByFindingId(id);
    const change = history.find((event) => event.type === 'status_changed');
    assert.equal(change?.actor, 'alice');
    assert.equal(change?.from_status, 'open');
    assert.equal(change?.to_status, 'risk_accepted');
    assert.match(change?.cause ?? '', /compensating WAF rule \(approved by carol, until /);
    assert.equal((await finding(id)).triage?.['approver'], 'carol');
  });

  it('rejects risk acceptance without approver', async () => {
    const context = testStageContext(database.db.dataSource);
    const id = await scan(context, 'web', [codeFinding()]);
    await assert.rejects(triageFinding(context, request(id, { status: 'risk_accepted', expiresAt: new Date(context.now().getTime() + DAY) })), TriageRejectedError);
  });

  it('rejects risk acceptance without expiry', async () => {
    const context = testStageContext(database.db.dataSource);
    const id = await scan(context, 'web', [codeFinding()]);
    await assert.rejects(triageFinding(context, request(id, { status: 'risk_accepted', approver: 'carol' })), TriageRejectedError);
  });

  it('rejects an expiry in the past', async () => {
    const context = testStageContext(database.db.dataSource);
    const id = await scan(context, 'web', [codeFinding()]);
    await assert.rejects(triageFinding(context, request(id, { status: 'risk_accepted', approver: 'carol', expiresAt: new Date(context.now().getTime() - DAY) })), TriageRejectedError);
  });

  it('reopens an expired acceptance on the next scan', async () => {
    const context = testStageContext(database.db.dataSource);
    const id = await scan(context, 'web', [codeFinding()]);
    await triageFinding(context, request(id, { status: 'risk_accepted', approver: 'carol', expiresAt: new Date(context.now().getTime() + 2 * DAY) }));
    context.advance(DAY);
    await scan(context, 'web', [codeFinding()]);
    assert.equal((await finding(id)).status, 'risk_accepted');

    context.advance(2 * DAY);
    await scan(context, 'web', [codeFinding()]);
    assert.equal((await finding(id)).status, 'open');
    const history = await database.repositories.findingEvents.findByFindingId(id);
    assert.deepEqual(history.filter((event) => event.type === 'status_changed').map((event) => [event.from_status, event.to_status, event.actor]), [['open', 'risk_accepted', 'alice'], ['risk_accepted', 'open', 'sieve:dedup']]);
  });

  it('reopens on a status open decision', async () => {
    const context = testStageContext(database.db.dataSource);
    const id = await scan(context, 'web', [codeFinding()]);
    await triageFinding(context, request(id, { status: 'suppressed' }));
    await triageFinding(context, request(id, { status: 'open', reason: 'rule fixed' }));
    assert.equal((await finding(id)).status, 'open');
    assert.equal((await finding(id)).triage, null);
  });
});

describe('editFinding on Postgres', () => {
  it('keeps the person value on rescans', async () => {
    const context = testStageContext(database.db.dataSource);
    const id = await scan(context, 'host', [dependencyFinding({ description: 'from the tool' })]);
    await editFinding(context, { findingId: id, values: { description: 'reviewed text', severity: 'low' }, reason: 'not reachable in our build', actor: 'alice' });
    await scan(context, 'host', [dependencyFinding({ description: 'parser fixed text', severity: 'critical' })]);
    const row = await finding(id);
    assert.equal(row.description, 'reviewed text');
    assert.equal(row.severity, 'low');
    assert.deepEqual(row.human_fields, ['description', 'severity']);
  });

  it('refreshes fields no person set', async () => {
    const context = testStageContext(database.db.dataSource);
    const id = await scan(context, 'host', [dependencyFinding({ description: 'old text' })]);
    await editFinding(context, { findingId: id, values: { severity: 'low' }, reason: 'not reachable', actor: 'alice' });
    const fixed = { purl: 'pkg:deb/debian/libc6@2.28-10', ecosystem: 'deb', name: 'libc6', version: '2.28-10', fixedVersions: ['2.28-10+deb10u1'] };
    await scan(context, 'host', [dependencyFinding({ description: 'parser fixed text', package: fixed })]);
    const row = await finding(id);
    assert.equal(row.description, 'parser fixed text');
    assert.deepEqual(row.fixed_versions, ['2.28-10+deb10u1']);
  });
});
