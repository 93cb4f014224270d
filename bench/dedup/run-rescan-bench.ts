// Measures the dedup stage on a first import and on a rescan of the same
// estate in which 95 % of findings are unchanged:
//   npx tsx bench/dedup/run-rescan-bench.ts [--seed N] [--assets N] [--copies N] [--changed 0.05] [--rounds 3] [--db postgres|embedded]
//                                           [--consume stream|report]
// Every report of the labelled estate goes through DedupHandler (batches of
// 1,000) and LifecycleHandler as a complete scan, on a fresh schema of the
// local PostgreSQL (dropped at the end) or on in-memory PGlite. Each round
// uses a fresh database. Prints findings per second for both passes of every
// round, and the ratio of the median rates. The estate's reports hold about
// 11 findings each; --copies N repeats every finding N times in its report,
// each copy in another folder, package or host, for reports N times larger.
// --consume stream, the default, feeds dedup as the service consumes its
// topics: batches of up to 1,000 findings that span consecutive reports, then
// the parsed events in batches of 100. --consume report sends each report as
// its own batch, as sieve run does with one report at a time.
import { parseArgs } from 'node:util';
import type { NormalizedFinding, ReportParsed } from '@sieve/contracts';
import { newId } from '@sieve/domain';
import { openDatabase, UnitOfWork } from '@sieve/persistence';
import { DedupHandler, LifecycleHandler, type StageContext } from '@sieve/stages';
import { silentLogger } from '@sieve/telemetry';
import { createTestDatabase } from '@sieve/testing';
import type { DataSource } from 'typeorm';
import { parseEstate } from './estate-sightings.js';
import { generateEstate } from './generate-estate.js';
import { SeededRandom } from './seeded-random.js';

const BATCH = 1000;
// As the dedup service reads sieve.report.parsed.v1.
const LIFECYCLE_BATCH = 100;
const TARGET_SPEEDUP = 2;

interface Pass {
  findings: number;
  ms: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      assets: { type: 'string' },
      copies: { type: 'string' },
      changed: { type: 'string' },
      rounds: { type: 'string' },
      db: { type: 'string' },
      consume: { type: 'string' },
    },
  });
  const consume = values.consume ?? 'stream';
  if (consume !== 'report' && consume !== 'stream') throw new Error(`--consume ${consume}: use report or stream`);
  const seed = Number(values.seed ?? 20261204);
  const changedShare = Number(values.changed ?? 0.05);
  const estate = generateEstate({ seed, assets: Number(values.assets ?? 40) });
  // Each report is its own scan scope: the estate renders some tools in two
  // formats on one asset (Trivy image and config, Semgrep SARIF and JSON), and
  // a complete scan of one would otherwise close the other's findings.
  const copies = Number(values.copies ?? 1);
  const events = parseEstate(estate).sightings.flatMap(({ event }) =>
    Array.from({ length: copies }, (_, copy) => ({ ...copied(event, copy), scope: event.reportId.slice(event.reportId.lastIndexOf('/') + 1) })),
  );
  const reports = groupByReport(events);
  const total = [...reports.values()].reduce((sum, events) => sum + events.length, 0);
  console.log(`estate: seed ${seed}, ${reports.size} reports, ${total} findings; rescan changes ${(changedShare * 100).toFixed(1)} %`);

  const firstRates: number[] = [];
  const rescanRates: number[] = [];
  for (let round = 1; round <= Number(values.rounds ?? 3); round++) {
    const { first, rescan, stored } = await runRound(values.db ?? 'postgres', reports, seed, changedShare, consume);
    firstRates.push(first.findings / (first.ms / 1000));
    rescanRates.push(rescan.findings / (rescan.ms / 1000));
    console.log(
      `round ${round}: first import ${first.ms.toFixed(0)} ms (${firstRates.at(-1)!.toFixed(0)} findings/s), ` +
        `rescan ${rescan.ms.toFixed(0)} ms (${rescanRates.at(-1)!.toFixed(0)} findings/s); ${stored} findings stored`,
    );
  }
  const firstRate = median(firstRates);
  const rescanRate = median(rescanRates);
  console.log(`median: first import ${firstRate.toFixed(0)} findings/s, rescan ${rescanRate.toFixed(0)} findings/s`);
  console.log(`speed-up per finding: ${(rescanRate / firstRate).toFixed(2)}x (target ${TARGET_SPEEDUP}x)`);
}

async function runRound(db: string, reports: Map<string, NormalizedFinding[]>, seed: number, changedShare: number, consume: 'report' | 'stream'): Promise<{ first: Pass; rescan: Pass; stored: number }> {
  const { dataSource, drop } = await openBenchDatabase(db);
  try {
    const context: StageContext = { unitOfWork: new UnitOfWork(dataSource), now: () => new Date(), logger: silentLogger() };
    const importAll = consume === 'stream' ? importAsStream : importByReport;
    const first = await importAll(context, reports, () => null);
    // A rescan comes hours or days after the first import, by when autovacuum
    // has analyzed the new rows; without statistics the planner scans tables.
    await dataSource.query('ANALYZE');
    const random = new SeededRandom(seed + 1);
    const rescan = await importAll(context, reports, (event) => (random.next() < changedShare ? changed(event) : null));
    const [findings] = await dataSource.query(`SELECT count(*)::int AS n FROM findings`);
    return { first, rescan, stored: findings.n };
  } finally {
    await drop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function groupByReport(events: NormalizedFinding[]): Map<string, NormalizedFinding[]> {
  const reports = new Map<string, NormalizedFinding[]>();
  for (const event of events) reports.set(event.reportId, [...(reports.get(event.reportId) ?? []), event]);
  return reports;
}

/**
 * Runs every report through dedup and lifecycle as a new report with new
 * event ids, as a rescan arrives. `change` returns a replacement for a
 * finding the rescan reports differently, or null to keep it.
 */
async function importByReport(context: StageContext, reports: Map<string, NormalizedFinding[]>, change: (event: NormalizedFinding) => NormalizedFinding | null): Promise<Pass> {
  const dedup = new DedupHandler(context);
  const lifecycle = new LifecycleHandler(context);
  let findings = 0;
  const started = process.hrtime.bigint();
  for (const events of reports.values()) {
    const reportId = newId();
    const scan = events.map((event, sequence) => ({ ...(change(event) ?? event), eventId: newId(), reportId, sequence }));
    for (let start = 0; start < scan.length; start += BATCH) await dedup.handle(scan.slice(start, start + BATCH));
    await lifecycle.handle(parsedEvent(scan[0]!, scan.length));
    findings += scan.length;
  }
  return { findings, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** Like importByReport, but with dedup batches that span reports, as the service reads its topic. */
async function importAsStream(context: StageContext, reports: Map<string, NormalizedFinding[]>, change: (event: NormalizedFinding) => NormalizedFinding | null): Promise<Pass> {
  const dedup = new DedupHandler(context);
  const lifecycle = new LifecycleHandler(context);
  const started = process.hrtime.bigint();
  const scans = [...reports.values()].map((events) => {
    const reportId = newId();
    return events.map((event, sequence) => ({ ...(change(event) ?? event), eventId: newId(), reportId, sequence }));
  });
  const stream = scans.flat();
  for (let start = 0; start < stream.length; start += BATCH) await dedup.handle(stream.slice(start, start + BATCH));
  const parsed = scans.map((scan) => parsedEvent(scan[0]!, scan.length));
  for (let start = 0; start < parsed.length; start += LIFECYCLE_BATCH) await lifecycle.handleMany(parsed.slice(start, start + LIFECYCLE_BATCH));
  return { findings: stream.length, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** Moves the finding to another folder, package or host, so every copy is a flaw of its own. */
function copied(event: NormalizedFinding, copy: number): NormalizedFinding {
  if (copy === 0) return event;
  const finding = event.finding;
  const suffix = `copy${copy}`;
  const location = finding.location;
  const pkg = finding.package === null ? null : { ...finding.package, name: `${finding.package.name}-${suffix}`, purl: finding.package.purl.replace(finding.package.name, `${finding.package.name}-${suffix}`) };
  return {
    ...event,
    finding: {
      ...finding,
      fingerprint: finding.fingerprint === null ? null : `${finding.fingerprint}-${suffix}`,
      package: pkg,
      secret: finding.secret === null ? null : { ...finding.secret, sha256: `${finding.secret.sha256}-${suffix}` },
      location: {
        ...location,
        path: location.path === null ? null : `${suffix}/${location.path}`,
        url: location.url === null ? null : location.url.replace('://', `://${suffix}.`),
      },
    },
  };
}

/** Replaces the finding with another flaw of the same tool at the same place: one finding fixed, one new. */
function changed(event: NormalizedFinding): NormalizedFinding {
  const finding = event.finding;
  const marker = `rescan-${event.sequence}`;
  return {
    ...event,
    finding: {
      ...finding,
      title: `${finding.title} (${marker})`,
      ruleId: `${finding.ruleId ?? 'rule'}-${marker}`,
      fingerprint: finding.fingerprint === null ? null : `${finding.fingerprint}-${marker}`,
      vulnerabilityIds: finding.vulnerabilityIds.map((id) => `${id}-${marker}`),
      location: { ...finding.location, snippetHash: finding.location.snippetHash === null ? null : `${finding.location.snippetHash}-${marker}` },
      secret: finding.secret === null ? null : { ...finding.secret, sha256: `${finding.secret.sha256}-${marker}` },
    },
  };
}

function parsedEvent(event: NormalizedFinding, findingCount: number): ReportParsed {
  return {
    eventId: newId(),
    reportId: event.reportId,
    asset: event.asset,
    scope: event.scope,
    format: 'bench',
    tool: event.finding.tool,
    status: 'parsed',
    error: null,
    warnings: [],
    findingCount,
    complete: true,
    parsedAt: Date.now(),
  };
}

async function openBenchDatabase(kind: string): Promise<{ dataSource: DataSource; drop: () => Promise<void> }> {
  if (kind === 'embedded') {
    const dataSource = await openDatabase({ kind: 'embedded', dataDir: null });
    return { dataSource, drop: () => dataSource.destroy() };
  }
  if (kind !== 'postgres') throw new Error(`--db ${kind} is not supported; use postgres or embedded`);
  const database = await createTestDatabase();
  return { dataSource: database.dataSource, drop: () => database.drop() };
}

await main();
