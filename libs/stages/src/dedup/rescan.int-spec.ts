import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '@sieve/telemetry';
import { createTestDatabase, readSample, testDatabaseUrl, type TestDatabase } from '@sieve/testing';
import { EmbeddedPipeline } from '../embedded-pipeline.js';

const ASSET = 'juice-shop';
const SAMPLE = readSample('sarif', 'semgrep-oss-1.69.0_juice-shop_77-results.sarif');

interface SarifRegion {
  startLine?: number;
  endLine?: number;
}
interface SarifLog {
  runs: Array<{
    invocations: Array<{ executionSuccessful: boolean }>;
    results: Array<{ fingerprints: Record<string, string>; locations: Array<{ physicalLocation: { region: SarifRegion } }> }>;
  }>;
}

function sampleLog(): SarifLog {
  return JSON.parse(SAMPLE.toString('utf8')) as SarifLog;
}

/** Moves every result of the log down by `lines`, as an edit at the top of every file would. */
function shifted(log: SarifLog, lines: number): SarifLog {
  for (const result of log.runs[0]!.results) {
    for (const location of result.locations) {
      const region = location.physicalLocation.region;
      if (region.startLine !== undefined) region.startLine += lines;
      if (region.endLine !== undefined) region.endLine += lines;
    }
  }
  return log;
}

function without(log: SarifLog, fingerprints: string[]): SarifLog {
  log.runs[0]!.results = log.runs[0]!.results.filter((result) => !fingerprints.includes(result.fingerprints['matchBasedId/v1']!));
  return log;
}

function partial(log: SarifLog): SarifLog {
  log.runs[0]!.invocations[0]!.executionSuccessful = false;
  return log;
}

interface FindingState {
  id: string;
  status: string;
  fingerprint: string;
}

let db: TestDatabase;
let pipeline: EmbeddedPipeline;

async function submit(bytes: Buffer): Promise<{ duplicate: boolean; complete: boolean | null }> {
  const result = await pipeline.submit({ bytes, asset: ASSET, assetSource: 'submitter', sourceName: 'semgrep.sarif' });
  await pipeline.drain();
  return { duplicate: result.duplicate, complete: (await pipeline.report(result.reportId))?.complete ?? null };
}

function submitLog(log: SarifLog): Promise<{ duplicate: boolean; complete: boolean | null }> {
  return submit(Buffer.from(JSON.stringify(log)));
}

/** Reads every finding of the asset with the Semgrep fingerprint of its evidence, in fingerprint order. */
async function findings(): Promise<FindingState[]> {
  return db.dataSource.query(
    `SELECT f.id, f.status, min(e.fingerprint) AS fingerprint
     FROM findings f JOIN evidences e ON e.finding_id = f.id
     WHERE f.asset = $1 GROUP BY f.id, f.status ORDER BY fingerprint`,
    [ASSET],
  );
}

function idsOf(states: FindingState[]): string[] {
  return states.map((state) => state.id);
}

function statusCounts(states: FindingState[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const state of states) counts[state.status] = (counts[state.status] ?? 0) + 1;
  return counts;
}

before(async () => {
  db = await createTestDatabase();
  pipeline = await EmbeddedPipeline.start({ database: { kind: 'postgres', url: testDatabaseUrl(), schema: db.schema }, logger: silentLogger() });
});
after(async () => {
  await pipeline.close();
  await db.drop();
});

describe('rescans of one Semgrep report on Postgres', () => {
  let first: FindingState[] = [];
  const [droppedId, untouchedId] = sampleLog().runs[0]!.results.map((result) => result.fingerprints['matchBasedId/v1']!);
  // The SARIF parser stores the fingerprint as name=value.
  const dropped = `matchBasedId/v1=${droppedId}`;
  const untouched = `matchBasedId/v1=${untouchedId}`;

  it('creates one finding per result', async () => {
    const outcome = await submit(SAMPLE);
    first = await findings();
    assert.equal(outcome.complete, true);
    assert.equal(first.length, 77);
    assert.deepEqual(statusCounts(first), { open: 77 });
  });

  it('accepts the identical bytes once', async () => {
    const outcome = await submit(SAMPLE);
    assert.equal(outcome.duplicate, true);
    assert.deepEqual(await findings(), first);
  });

  it('changes nothing on the same content', async () => {
    const outcome = await submitLog(sampleLog());
    assert.equal(outcome.duplicate, false);
    assert.deepEqual(await findings(), first);
    const [events] = await db.dataSource.query(`SELECT count(*)::int AS n FROM finding_events WHERE type <> 'created'`);
    assert.equal(events.n, 0);
  });

  it('keeps every id when lines shift', async () => {
    await submitLog(shifted(sampleLog(), 7));
    assert.deepEqual(await findings(), first);
    const [moved] = await db.dataSource.query(`SELECT (location->>'startLine')::int AS line FROM evidences WHERE fingerprint = $1`, [untouched]);
    const [original] = sampleLog().runs[0]!.results.slice(1, 2).map((result) => result.locations[0]!.physicalLocation.region.startLine!);
    assert.equal(moved.line, original! + 7);
  });

  it('fixes only the result a complete scan dropped', async () => {
    const outcome = await submitLog(without(shifted(sampleLog(), 7), [droppedId!]));
    const now = await findings();
    assert.equal(outcome.complete, true);
    assert.deepEqual(idsOf(now), idsOf(first));
    assert.deepEqual(statusCounts(now), { open: 76, fixed: 1 });
    assert.equal(now.find((state) => state.fingerprint === dropped)?.status, 'fixed');
  });

  it('closes nothing after a partial scan', async () => {
    const outcome = await submitLog(partial(without(shifted(sampleLog(), 7), [droppedId!, untouchedId!])));
    const now = await findings();
    assert.equal(outcome.complete, false);
    assert.deepEqual(idsOf(now), idsOf(first));
    assert.deepEqual(statusCounts(now), { open: 76, fixed: 1 });
    assert.equal(now.find((state) => state.fingerprint === untouched)?.status, 'open');
    assert.equal(now.find((state) => state.fingerprint === dropped)?.status, 'fixed');
  });

  it('reopens the dropped result with its id', async () => {
    await submitLog(shifted(sampleLog(), 9));
    const now = await findings();
    assert.deepEqual(idsOf(now), idsOf(first));
    assert.deepEqual(statusCounts(now), { open: 76, reopened: 1 });
    const history = await db.dataSource.query(
      `SELECT type FROM finding_events WHERE finding_id = $1 ORDER BY occurred_at, id`,
      [first.find((state) => state.fingerprint === dropped)!.id],
    );
    assert.deepEqual(history.map((row: { type: string }) => row.type), ['created', 'fixed', 'reopened']);
  });
});
