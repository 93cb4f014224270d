// Pushes a generated workload through the six services, each its own
// process, against the local Kafka, schema registry, OpenSearch and
// PostgreSQL. It measures throughput, scan-to-queue latency and per-process
// CPU and memory. Then it measures ceilings on the same data: one Kafka hop,
// the database writes and the OpenSearch bulk. The services run on a private
// database schema, topic prefix and index alias, removed at the end.
// Usage (infrastructure running, see docs/infra.md):
//   npx tsx bench/distributed/run-distributed-bench.ts [--findings 200000] [--per-report 5000] [--assets 20]
//     [--interval-ms 0] [--skip-ceilings]
// --interval-ms spaces the report uploads out, to measure latency below the
// pipeline's capacity instead of the queueing delay of a burst.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { SERVICES, StackHarness, testDatabaseUrl } from '@sieve/testing';
import { generateWorkload } from '../pipeline/generate-workload.js';
import { measureKafkaCeiling } from './kafka-ceiling.js';
import { measureOpenSearchCeiling } from './opensearch-ceiling.js';
import { countScored, pipelineTimings } from './pipeline-progress.query.js';
import { measurePostgresCeiling } from './postgres-ceiling.js';
import { loadAverage, ProcessSampler } from './process-sampler.js';

const OPENSEARCH = 'http://127.0.0.1:9200';
const INFRA_PORTS = { kafka: 9092, opensearch: 9200, registry: 8081 } as const;

const { values } = parseArgs({
  options: {
    findings: { type: 'string', default: '20000' },
    'per-report': { type: 'string', default: '5000' },
    assets: { type: 'string', default: '20' },
    'interval-ms': { type: 'string', default: '0' },
    'timeout-s': { type: 'string', default: '3600' },
    'skip-ceilings': { type: 'boolean', default: false },
  },
});
const findings = Number(values.findings);
const timeoutMs = Number(values['timeout-s']) * 1000;
const intervalMs = Number(values['interval-ms']);

/** PID of the process listening on a loopback port, from `ss -ltnp`; undefined when ss does not show it. */
function listenerPid(port: number): number | undefined {
  const output = spawnSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' }).stdout ?? '';
  const match = /pid=(\d+)/.exec(output);
  return match ? Number(match[1]) : undefined;
}

function reportFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function waitFor(what: string, deadline: number, probe: () => Promise<boolean>): Promise<void> {
  let lastReport = Date.now();
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    if (Date.now() - lastReport > 15_000) {
      process.stderr.write(`waiting for ${what}\n`);
      lastReport = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function indexedCount(alias: string): Promise<number> {
  const response = await fetch(`${OPENSEARCH}/${alias}/_count`);
  if (!response.ok) return 0;
  return ((await response.json()) as { count: number }).count;
}

const fixed = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const workDir = mkdtempSync(join(tmpdir(), 'sieve-bench-distributed-'));
const stack = new StackHarness();
try {
  const { files } = generateWorkload({ dir: workDir, findings, assets: Number(values.assets), findingsPerReport: Number(values['per-report']) });
  process.stderr.write(`generated ${files} reports with ${findings} findings in ${workDir}\n`);
  await stack.start();
  const pids = new Map<string, number>();
  for (const service of SERVICES) pids.set(service, stack.pid(service)!);
  for (const [name, port] of Object.entries(INFRA_PORTS)) {
    const pid = listenerPid(port);
    if (pid !== undefined) pids.set(name, pid);
  }
  const loadBefore = loadAverage();
  const sampler = new ProcessSampler(pids);
  sampler.start(1000);

  const started = Date.now();
  const deadline = started + timeoutMs;
  for (const [index, file] of reportFiles(workDir).entries()) {
    const due = started + index * intervalMs;
    if (Date.now() < due) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    const asset = basename(dirname(file));
    const response = await fetch(stack.url('ingest', `/v1/reports?asset=${asset}&name=${basename(file)}`), { method: 'POST', body: readFileSync(file) });
    if (response.status !== 202) throw new Error(`upload of ${file} failed with HTTP ${response.status}: ${await response.text()}`);
  }
  const uploaded = Date.now();
  await waitFor('every finding scored', deadline, async () => (await countScored(stack.database.dataSource)) >= findings);
  const scored = Date.now();
  await waitFor('every finding in the search view', deadline, async () => (await indexedCount(stack.alias)) >= findings);
  const indexed = Date.now();
  const { usage, load } = sampler.stop();
  const loadAfter = loadAverage();
  const timings = await pipelineTimings(stack.database.dataSource);
  const wallSeconds = (indexed - started) / 1000;

  const result: Record<string, unknown> = {
    findings,
    reports: files,
    uploadIntervalMs: intervalMs,
    uploadSeconds: (uploaded - started) / 1000,
    firstUploadToAllScoredSeconds: (scored - started) / 1000,
    firstUploadToAllIndexedSeconds: wallSeconds,
    endToEndPerSecond: findings / wallSeconds,
    sustainedScoredPerSecond: timings.sustainedPerSecond,
    latencyMs: timings.latencyMs,
    loadAverage: { before: loadBefore, after: loadAfter, sampledOneMinute: load },
    processes: Object.fromEntries([...usage].map(([name, value]) => [name, { ...value, cpuPercent: (100 * value.cpuSeconds) / wallSeconds }])),
  };
  process.stderr.write(`pipeline done: ${fixed(findings / wallSeconds)} findings/s end to end\n`);

  if (!values['skip-ceilings']) {
    const kafka = await measureKafkaCeiling(stack.kafka(), `${stack.prefix}sieve.finding.normalized.v1`, stack.prefix, 1000);
    process.stderr.write(`kafka ceiling done\n`);
    const postgres = await measurePostgresCeiling(stack.database.dataSource, testDatabaseUrl(), stack.database.schema, 2000);
    process.stderr.write(`postgres ceiling done\n`);
    const search = await measureOpenSearchCeiling(OPENSEARCH, stack.alias, `${stack.alias}-ceiling`, 1000);
    result['ceilings'] = {
      kafka,
      postgres: {
        ...postgres,
        findingsPerSecondInsert: postgres.rows['findings']! / postgres.insertSeconds,
        findingsPerSecondCopy: postgres.rows['findings']! / postgres.copySeconds,
      },
      opensearch: { ...search, documentsPerSecond: search.documents / search.bulkSeconds },
      loadAverageAfter: loadAverage(),
    };
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await stack.stop();
  rmSync(workDir, { recursive: true, force: true });
}
