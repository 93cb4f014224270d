// Ranking benchmark on a generated estate with known truth:
//   npx tsx bench/scoring/run-ranking-bench.ts [--services 40] [--findings-per-service 50] [--seed 20261204] [--without-epss] [--policy <file>] [--keep]
// Runs `sieve run` with the estate's catalog, runtime observations, KEV and
// EPSS files (and a scoring policy file when given), and prints recall@N of the must-fix findings (in KEV, on an
// internet-facing service, package loaded at runtime) for Sieve's queue and
// for a CVSS-only order.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_ESTATE, generateEstate, type EstateOptions } from './generate-estate.js';
import type { RankingEstate } from './estate-model.js';
import { printCapTies, printMisses, printRecall } from './ranking-report.js';
import { cvssOnlyOrder } from './recall-at-n.js';
import { contextMismatches, readQueue } from './sieve-queue.js';
import { writeEstate, type EstatePaths } from './write-estate.js';

const root = join(import.meta.dirname, '../..');

function main(): void {
  const { values } = parseArgs({
    options: {
      services: { type: 'string', default: String(DEFAULT_ESTATE.services) },
      'findings-per-service': { type: 'string', default: String(DEFAULT_ESTATE.findingsPerService) },
      seed: { type: 'string', default: String(DEFAULT_ESTATE.seed) },
      'without-epss': { type: 'boolean', default: false },
      policy: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const options: EstateOptions = {
    seed: positiveInteger('--seed', values.seed),
    services: positiveInteger('--services', values.services),
    findingsPerService: positiveInteger('--findings-per-service', values['findings-per-service']),
  };

  const estate = generateEstate(options);
  const mustFix = new Set(estate.findings.filter((finding) => finding.mustFix).map((finding) => finding.key));
  if (mustFix.size === 0) {
    throw new Error(`seed ${options.seed} gives no must-fix finding; use more services or another seed`);
  }
  describeEstate(options, estate, mustFix.size);

  const dir = mkdtempSync(join(tmpdir(), 'sieve-ranking-bench-'));
  try {
    const paths = writeEstate(estate, dir);
    const queuePath = join(dir, 'queue.json');
    const seconds = runSieve(paths, queuePath, { withEpss: !values['without-epss'], policy: values.policy ?? null });
    console.log(`sieve run: ${estate.findings.length} findings in ${seconds.toFixed(1)} s (wall clock, including start-up and the JSON output)`);

    const queue = readQueue(queuePath, estate.findings);
    if (queue.missing.length > 0 || queue.unmatched.length > 0) {
      console.log(`WARNING: ${queue.missing.length} generated findings are not in the queue and ${queue.unmatched.length} queue entries match none`);
    }
    const mismatches = contextMismatches(estate.findings, queue.entryOf);
    for (const [field, list] of Object.entries(mismatches)) {
      console.log(`${field} in the queue differs from the truth for ${list.length} findings${list.length > 0 ? `, e.g. ${list[0]}` : ''}`);
    }

    printRecall(queue.ranked, cvssOnlyOrder(estate.findings), mustFix, estate.findings.length);
    printCapTies(queue.ranked, queue.entryOf, mustFix);
    printMisses(queue.ranked, estate.findings, queue.entryOf, mustFix);
  } finally {
    if (values.keep) console.log(`\nestate and queue kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function describeEstate(options: EstateOptions, estate: RankingEstate, mustFix: number): void {
  const count = (predicate: (finding: RankingEstate['findings'][number]) => boolean) => estate.findings.filter(predicate).length;
  const exposures = ['internet', 'partner', 'internal'].map((exposure) => `${estate.services.filter((service) => service.exposure === exposure).length} ${exposure}`);
  const total = estate.findings.length;
  const percent = (part: number) => `${((100 * part) / total).toFixed(1)} %`;

  console.log(`estate: seed ${options.seed}, ${estate.services.length} services (${exposures.join(', ')}), ${total} findings`);
  console.log(`  CVSS >= 9.0: ${count((f) => f.baseScore >= 9)}, 7.0-8.9: ${count((f) => f.baseScore >= 7 && f.baseScore < 9)}, below 7.0: ${count((f) => f.baseScore < 7)}`);
  console.log(`  reachable: ${percent(count((f) => f.reachable))}, in KEV: ${count((f) => f.kev)} (${percent(count((f) => f.kev))}), KEV entries: ${estate.kev.length}`);
  console.log(`  CVSS >= 9.0 that are unreachable or not internet-facing: ${count((f) => f.baseScore >= 9 && (!f.reachable || f.exposure !== 'internet'))}`);
  console.log(`  must fix (KEV, internet-facing, reachable): ${mustFix} (${percent(mustFix)})`);
}

/** Runs `sieve run` on the estate and returns its wall-clock time in seconds. */
function runSieve(paths: EstatePaths, out: string, options: { withEpss: boolean; policy: string | null }): number {
  const args = [join(root, 'services/cli/bin/sieve.js'), 'run', paths.reports, '--catalog', paths.catalog, '--runtime', paths.runtime, '--kev', paths.kev];
  if (options.withEpss) args.push('--epss', paths.epss);
  if (options.policy !== null) args.push('--policy', resolve(options.policy));
  args.push('--format', 'json', '--out', out, '--quiet');

  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) {
    console.error(run.stderr);
    throw new Error(`sieve run exited with status ${run.status}`);
  }
  return seconds;
}

function positiveInteger(option: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${option} must be a whole number of at least 1, got "${text}"`);
  }
  return value;
}

main();
