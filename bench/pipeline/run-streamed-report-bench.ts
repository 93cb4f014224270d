// Benchmark of one large report through ingest and normalize: time to store
// it, time to read it into normalized findings, how soon the first findings
// go out, and the peak RSS of the process. Generates the reports with the
// parser benchmark's generator into a temporary folder, deleted at the end.
// Needs PostgreSQL on 127.0.0.1:5432 (or SIEVE_TEST_DATABASE_URL). Usage:
//   npx tsx bench/pipeline/run-streamed-report-bench.ts [--sizes 100,1000] [--formats sarif,trivy]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeSarifReport, writeTrivyReport } from '../parsers/generate-reports.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000' },
    formats: { type: 'string', default: 'sarif,trivy' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`Usage: npx tsx bench/pipeline/run-streamed-report-bench.ts [--sizes 100,1000] [--formats sarif,trivy]

  --sizes    report sizes to generate, in MB (10^6 bytes), comma-separated
  --formats  formats to generate: sarif, trivy
  --help     print this text

Prints a Markdown table on standard output and progress on standard error.`);
  process.exit(0);
}

const writers: Record<string, (file: string, bytes: number) => number> = { sarif: writeSarifReport, trivy: writeTrivyReport };
const root = join(import.meta.dirname, '../..');
const worker = join(import.meta.dirname, 'streamed-report-worker.ts');
const dir = mkdtempSync(join(tmpdir(), 'sieve-streamed-bench-'));

const rows: string[] = [];
try {
  for (const format of (values.formats ?? '').split(',')) {
    for (const sizeMb of (values.sizes ?? '').split(',').map(Number)) {
      const file = join(dir, `${format}-${sizeMb}.json`);
      const records = writers[format]!(file, sizeMb * 1_000_000);
      const bytes = statSync(file).size;
      process.stderr.write(`${format} ${sizeMb} MB: ${records} records written; running ingest and normalize\n`);

      const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, '--import', 'tsx', worker, file], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      const peakRssMib = Number(run.stderr.trim().split('\n').pop()) / 1024;
      if (run.status !== 0) {
        process.stderr.write(run.stderr);
        throw new Error(`worker exited with ${run.status}`);
      }
      const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
        findings: number;
        status: string;
        ingestSeconds: number;
        normalizeSeconds: number;
        firstBatchSeconds: number | null;
        storedMembers: number;
        storedBytes: number;
      };
      if (result.findings !== records || result.status !== 'parsed') {
        throw new Error(`${format} ${sizeMb} MB: ${result.findings} findings (${result.status}) from ${records} records`);
      }
      const mb = bytes / 1_000_000;
      rows.push(
        `| ${format} | ${sizeMb} MB | ${records.toLocaleString('en-US')} | ${result.ingestSeconds.toFixed(1)} s (${(mb / result.ingestSeconds).toFixed(1)} MB/s) | ` +
          `${result.normalizeSeconds.toFixed(1)} s (${(mb / result.normalizeSeconds).toFixed(1)} MB/s) | ${result.firstBatchSeconds?.toFixed(2)} s | ` +
          `${result.storedMembers} (${(result.storedBytes / 1024 / 1024).toFixed(0)} MiB) | ${Math.round(peakRssMib)} MiB |`,
      );
      rmSync(file);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log('| format | size | findings | ingest (hash, secret pass, store) | normalize | first findings out after | stored gzip members | peak RSS |');
console.log('|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
