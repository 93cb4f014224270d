import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newId } from '@sieve/domain';
import type { FindingChanged } from '@sieve/contracts';
import { codeFinding, dependencyFinding, normalizedEvents, seedReport as seedFixtureReport, testStageContext, useDedupTestDatabase } from '../testing/stage-fixtures.js';
import { DedupHandler } from './dedup.handler.js';
import { LifecycleHandler } from './lifecycle.handler.js';

const database = useDedupTestDatabase();

function seedReport(asset: string, scope = ''): Promise<string> {
  return seedFixtureReport(database.repositories, asset, scope);
}

function changesOf(messages: Array<{ value: unknown }>): FindingChanged[] {
  return messages.map((message) => message.value as FindingChanged);
}

describe('DedupHandler on Postgres', () => {
  it('merges two tools on the same package version and CVE', async () => {
    const dedup = new DedupHandler(testStageContext(database.db.dataSource));
    const trivy = normalizedEvents(await seedReport('host'), 'host', [dependencyFinding()]);
    const grype = normalizedEvents(await seedReport('host'), 'host', [dependencyFinding({ tool: { name: 'grype', version: '0.7.0' }, package: { purl: 'pkg:deb/debian/libc6@2.28-10?arch=amd64', ecosystem: 'deb', name: 'libc6', version: '2.28-10', fixedVersions: [] } })]);
    await dedup.handle(trivy);
    await dedup.handle(grype);
    const findings = await database.repositories.queue.listRanked();
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0]?.evidences.map((e) => e.tool).sort(), ['grype', 'trivy']);
  });

  it('keeps a different package version apart', async () => {
    const dedup = new DedupHandler(testStageContext(database.db.dataSource));
    const reportId = await seedReport('host');
    await dedup.handle(
      normalizedEvents(reportId, 'host', [
        dependencyFinding(),
        dependencyFinding({ tool: { name: 'grype', version: null }, package: { purl: 'pkg:deb/debian/libc6@2.28-11', ecosystem: 'deb', name: 'libc6', version: '2.28-11', fixedVersions: [] } }),
      ]),
    );
    assert.equal((await database.repositories.queue.listRanked()).length, 2);
  });

  it('matches an alias id across tools', async () => {
    const dedup = new DedupHandler(testStageContext(database.db.dataSource));
    const log4j = { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', ecosystem: 'maven', name: 'log4j-core', version: '2.14.1', fixedVersions: [] };
    await dedup.handle(normalizedEvents(await seedReport('api'), 'api', [dependencyFinding({ package: log4j, vulnerabilityIds: ['CVE-2021-44228', 'GHSA-jfh8-c2jp-5v3q'] })]));
    await dedup.handle(normalizedEvents(await seedReport('api'), 'api', [dependencyFinding({ tool: { name: 'npm', version: null }, package: log4j, vulnerabilityIds: ['GHSA-jfh8-c2jp-5v3q'] })]));
    assert.equal((await database.repositories.queue.listRanked()).length, 1);
  });

  it('matches CVE-only and GHSA-only reports through OSV aliases', async () => {
    const dedup = new DedupHandler(testStageContext(database.db.dataSource));
    const log4j = { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', ecosystem: 'maven', name: 'log4j-core', version: '2.14.1', fixedVersions: [] };
    const cveOnly = dependencyFinding({ package: log4j, vulnerabilityIds: ['CVE-2021-44228'] });
    const ghsaOnly = dependencyFinding({ tool: { name: 'npm', version: null }, package: log4j, vulnerabilityIds: ['GHSA-jfh8-c2jp-5v3q'] });

    await dedup.handle(normalizedEvents(await seedReport('before-aliases'), 'before-aliases', [cveOnly]));
    await dedup.handle(normalizedEvents(await seedReport('before-aliases'), 'before-aliases', [ghsaOnly]));
    assert.equal((await database.repositories.queue.listRanked()).filter((f) => f.asset === 'before-aliases').length, 2);

    const group = ['CVE-2021-44228', 'GHSA-jfh8-c2jp-5v3q'];
    await database.repositories.intel.upsertMany(
      group.map((id) => ({ vulnerabilityId: id, kev: null, epss: null, aliases: group.filter((other) => other !== id), source: 'osv:test', updatedAt: 0 })),
    );
    await dedup.handle(normalizedEvents(await seedReport('api'), 'api', [cveOnly]));
    await dedup.handle(normalizedEvents(await seedReport('api'), 'api', [ghsaOnly]));
    const findings = (await database.repositories.queue.listRanked()).filter((f) => f.asset === 'api');
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0]?.vulnerability_ids, group);
    assert.deepEqual(findings[0]?.evidences.map((e) => e.tool).sort(), ['npm', 'trivy']);
  });

  it('keeps the same flaw on two assets apart', async () => {
    const dedup = new DedupHandler(testStageContext(database.db.dataSource));
    await dedup.handle(normalizedEvents(await seedReport('a'), 'a', [dependencyFinding()]));
    await dedup.handle(normalizedEvents(await seedReport('b'), 'b', [dependencyFinding()]));
    assert.equal((await database.repositories.queue.listRanked()).length, 2);
  });

  it('changes nothing on a redelivered event', async () => {
    const dedup = new DedupHandler(testStageContext(database.db.dataSource));
    const events = normalizedEvents(await seedReport('host'), 'host', [dependencyFinding()]);
    const first = changesOf(await dedup.handle(events));
    const before = await database.db.dataSource.query('SELECT id, last_seen, status FROM findings');
    const second = changesOf(await dedup.handle(events));
    assert.equal(first.length, 1);
    assert.deepEqual(second.map((change) => [change.findingId, change.change]), [[first[0]!.findingId, 'updated']]);
    assert.deepEqual(await database.db.dataSource.query('SELECT id, last_seen, status FROM findings'), before);
    const evidences = await database.db.dataSource.query('SELECT count(*)::int AS n FROM evidences');
    assert.equal(evidences[0].n, 1);
  });

  it('keeps the finding id on a rescan', async () => {
    const dedup = new DedupHandler(testStageContext(database.db.dataSource));
    const [created] = changesOf(await dedup.handle(normalizedEvents(await seedReport('web'), 'web', [codeFinding()])));
    const moved = codeFinding({ location: { ...codeFinding().location, startLine: 30, endLine: 30 } });
    const [again] = changesOf(await dedup.handle(normalizedEvents(await seedReport('web'), 'web', [moved])));
    assert.equal(created?.change, 'created');
    assert.equal(again?.change, 'updated');
    assert.equal(again?.findingId, created?.findingId);
  });

  it('confirms an unchanged sighting silently', async () => {
    const context = testStageContext(database.db.dataSource);
    const dedup = new DedupHandler(context);
    await dedup.handle(normalizedEvents(await seedReport('web'), 'web', [codeFinding()]));
    const before = await database.db.dataSource.query('SELECT id, title, severity, status, location FROM findings');
    context.advance(60_000);
    const rescan = await seedReport('web');
    const messages = await dedup.handle(normalizedEvents(rescan, 'web', [codeFinding({ sourcePointer: '/results/7' })]));
    assert.deepEqual(messages, []);
    assert.deepEqual(await database.db.dataSource.query('SELECT id, title, severity, status, location FROM findings'), before);
    const [evidence] = await database.db.dataSource.query('SELECT report_id, source_pointer, observed_at FROM evidences');
    assert.equal(evidence.report_id, rescan);
    assert.equal(evidence.source_pointer, '/results/7');
    assert.equal(evidence.observed_at.getTime(), context.now().getTime());
    const [finding] = await database.db.dataSource.query('SELECT last_seen FROM findings');
    assert.equal(finding.last_seen.getTime(), context.now().getTime());
  });
});

describe('LifecycleHandler on Postgres', () => {
  it('closes by batch in scan order when a later scan was applied first', async () => {
    const context = testStageContext(database.db.dataSource);
    const dedup = new DedupHandler(context);
    const lifecycle = new LifecycleHandler(context);
    const kept = codeFinding();
    const dropped = codeFinding({ ruleId: 'other-rule', title: 'Other' });
    const first = await seedReport('web');
    const second = await seedReport('web');
    await dedup.handle(normalizedEvents(first, 'web', [kept, dropped]));
    await dedup.handle(normalizedEvents(second, 'web', [kept]));

    // Normalize parsed the first report before the second, but both parsed
    // events arrive after both reports' findings, in one batch.
    const parsedAt = [Date.parse('2026-12-01T10:00:00Z'), Date.parse('2026-12-01T10:05:00Z')];
    await database.db.dataSource.query(`UPDATE reports SET parsed_at = CASE id WHEN $1::uuid THEN $3::timestamptz ELSE $4::timestamptz END WHERE id IN ($1, $2)`, [
      first,
      second,
      new Date(parsedAt[0]!),
      new Date(parsedAt[1]!),
    ]);
    const closed = changesOf(
      await lifecycle.handleMany([{ ...parsedEvent(first, 'web', true, 'semgrep'), parsedAt: parsedAt[0]! }, { ...parsedEvent(second, 'web', true, 'semgrep'), parsedAt: parsedAt[1]! }]),
    );
    const findings = await database.repositories.queue.listRanked();
    const statusOf = (title: string) => findings.find((finding) => finding.title === title)?.status;
    assert.equal(statusOf('Other'), 'fixed');
    assert.equal(statusOf(kept.title), 'open');
    assert.equal(closed.length, 1);
  });


  it('fixes what a complete scan no longer reports, then reopens it', async () => {
    const context = testStageContext(database.db.dataSource);
    const dedup = new DedupHandler(context);
    const lifecycle = new LifecycleHandler(context);
    const first = await seedReport('web');
    const [created] = changesOf(await dedup.handle(normalizedEvents(first, 'web', [codeFinding(), codeFinding({ ruleId: 'other-rule', title: 'Other' })])));

    const second = await seedReport('web');
    await dedup.handle(normalizedEvents(second, 'web', [codeFinding({ ruleId: 'other-rule', title: 'Other' })]));
    const closed = changesOf(await lifecycle.handle(parsedEvent(second, 'web', true, 'semgrep')));
    assert.deepEqual(closed.map((change) => [change.findingId, change.status]), [[created!.findingId, 'fixed']]);

    const third = await seedReport('web');
    const [reopened] = changesOf(await dedup.handle(normalizedEvents(third, 'web', [codeFinding()])));
    assert.equal(reopened?.findingId, created?.findingId);
    assert.equal(reopened?.status, 'reopened');
    const history = await database.repositories.findingEvents.findByFindingId(created!.findingId);
    assert.deepEqual(history.map((event) => event.type), ['created', 'fixed', 'reopened']);
  });

  it('defers closing until the report is fully deduplicated', async () => {
    const context = testStageContext(database.db.dataSource);
    const dedup = new DedupHandler(context);
    const lifecycle = new LifecycleHandler(context);
    const [old] = changesOf(await dedup.handle(normalizedEvents(await seedReport('web'), 'web', [codeFinding({ ruleId: 'gone', title: 'Gone' })])));

    const rescan = await seedReport('web');
    const early = await lifecycle.handle({ ...parsedEvent(rescan, 'web', true, 'semgrep'), findingCount: 1 });
    assert.equal(early.length, 0);
    const [, fixed] = changesOf(await dedup.handle(normalizedEvents(rescan, 'web', [codeFinding()])));
    assert.equal(fixed?.findingId, old?.findingId);
    assert.equal(fixed?.status, 'fixed');
  });

  it('closes nothing after a partial scan', async () => {
    const context = testStageContext(database.db.dataSource);
    const dedup = new DedupHandler(context);
    const lifecycle = new LifecycleHandler(context);
    await dedup.handle(normalizedEvents(await seedReport('web'), 'web', [codeFinding()]));
    const partial = await seedReport('web');
    const closed = await lifecycle.handle(parsedEvent(partial, 'web', false, 'semgrep'));
    assert.equal(closed.length, 0);
  });

  it('keeps a finding open while another tool still reports it', async () => {
    const context = testStageContext(database.db.dataSource);
    const dedup = new DedupHandler(context);
    const lifecycle = new LifecycleHandler(context);
    await dedup.handle(normalizedEvents(await seedReport('host'), 'host', [dependencyFinding()]));
    await dedup.handle(normalizedEvents(await seedReport('host'), 'host', [dependencyFinding({ tool: { name: 'grype', version: null } })]));
    const emptyTrivyScan = await seedReport('host');
    const closed = await lifecycle.handle(parsedEvent(emptyTrivyScan, 'host', true, 'trivy'));
    assert.equal(closed.length, 0);
    const [finding] = await database.repositories.queue.listRanked();
    assert.equal(finding?.status, 'open');
  });
});

describe('LifecycleHandler with two absences to close', () => {
  async function statusOf(findingId: string): Promise<string> {
    const [row] = await database.db.dataSource.query('SELECT status FROM findings WHERE id = $1', [findingId]);
    return row.status;
  }

  async function completeScan(context: ReturnType<typeof testStageContext>, findings: ReturnType<typeof codeFinding>[]): Promise<void> {
    const reportId = await seedReport('web');
    await new DedupHandler(context).handle(normalizedEvents(reportId, 'web', findings));
    await new LifecycleHandler(context).handle({ ...parsedEvent(reportId, 'web', true, 'semgrep'), findingCount: findings.length });
  }

  it('fixes after the second absence in a row', async () => {
    const context = { ...testStageContext(database.db.dataSource), closeAfterAbsences: 2 };
    const other = codeFinding({ ruleId: 'other-rule', title: 'Other' });
    const [created] = changesOf(await new DedupHandler(context).handle(normalizedEvents(await seedReport('web'), 'web', [codeFinding(), other])));

    await completeScan(context, [other]);
    assert.equal(await statusOf(created!.findingId), 'open');
    await completeScan(context, [other]);
    assert.equal(await statusOf(created!.findingId), 'fixed');
    const history = await database.repositories.findingEvents.findByFindingId(created!.findingId);
    assert.equal(history.at(-1)?.cause, 'absent from 2 complete semgrep scans in a row');
  });

  it('restarts the count when the finding returns', async () => {
    const context = { ...testStageContext(database.db.dataSource), closeAfterAbsences: 2 };
    const other = codeFinding({ ruleId: 'other-rule', title: 'Other' });
    const [created] = changesOf(await new DedupHandler(context).handle(normalizedEvents(await seedReport('web'), 'web', [codeFinding(), other])));

    await completeScan(context, [other]);
    await completeScan(context, [codeFinding(), other]);
    await completeScan(context, [other]);
    assert.equal(await statusOf(created!.findingId), 'open');
  });
});

function parsedEvent(reportId: string, asset: string, complete: boolean, toolName: string) {
  return {
    eventId: newId(),
    reportId,
    asset,
    scope: '',
    format: 'trivy',
    tool: { name: toolName, version: null },
    status: 'parsed' as const,
    error: null,
    warnings: [],
    findingCount: 0,
    complete,
    parsedAt: Date.now(),
  };
}
