// Benchmark of the streaming report parsers against plain JSON.parse.
// Generates SARIF and Trivy reports of each size into a temporary folder
// (deleted at the end), then times every method in its own process under GNU
// time, which gives the peak RSS. Throughput is the file size over the time
// spent inside the measurement, so process start-up is left out. Usage:
//   npx tsx bench/parsers/run-parse-bench.ts [--sizes 100,1000] [--formats sarif,trivy] [--repeat 3]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeSarifReport, writeTrivyReport } from './generate-reports.js';

interface Measurement {
  format: string;
  sizeMb: number;
  mode: string;
  seconds: number;
  cpuSeconds: number;
  peakRssMib: number;
  count: number;
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000' },
    formats: { type: 'string', default: 'sarif,trivy' },
    repeat: { type: 'string', default: '3' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`Usage: npx tsx bench/parsers/run-parse-bench.ts [--sizes 100,1000] [--formats sarif,trivy] [--repeat 3]

  --sizes    report sizes to generate, in MB (10^6 bytes), comma-separated; JSON.parse and
             the whole-document parse run on the smallest size only
  --formats  formats to generate and parse, comma-separated: sarif, trivy
  --repeat   runs of each method; the table shows the median time and the highest peak RSS
  --help     print this text

Prints a Markdown table on standard output and progress on standard error.`);
  process.exit(0);
}
const sizes = (values.sizes ?? '').split(',').map(Number);
const formats = (values.formats ?? '').split(',');
const repeat = Number(values.repeat);
const root = join(import.meta.dirname, '../..');
const worker = join(import.meta.dirname, 'parse-worker.ts');
const writers: Record<string, (file: string, bytes: number) => number> = { sarif: writeSarifReport, trivy: writeTrivyReport };

// One JSON.parse of a file above about 500 MB cannot work (V8 caps a string at 2^29 - 24 characters),
// so JSON.parse and the whole-document parse run on the smallest size only.
function modesFor(sizeMb: number): string[] {
  return sizeMb === Math.min(...sizes) ? ['noop', 'json-parse', 'scan', 'stream', 'parse'] : ['scan', 'stream'];
}

function measure(mode: string, format: string, file: string, sizeMb: number): Measurement {
  const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, '--import', 'tsx', worker, mode, format, file], {
    cwd: root,
    encoding: 'utf8',
  });
  const maxRssKb = Number(run.stderr.trim().split('\n').pop());
  if (run.status !== 0 || !Number.isFinite(maxRssKb)) {
    throw new Error(`${mode} ${format} ${file} exited with ${run.status}: ${run.stderr}`);
  }
  const result = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { seconds: number; cpuSeconds: number; count: number };
  return { format, sizeMb, mode, seconds: result.seconds, cpuSeconds: result.cpuSeconds, peakRssMib: maxRssKb / 1024, count: result.count };
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const dir = mkdtempSync(join(tmpdir(), 'sieve-parse-bench-'));
const rows: Measurement[] = [];
try {
  for (const format of formats) {
    for (const sizeMb of sizes) {
      const file = join(dir, `${format}-${sizeMb}mb.json`);
      const records = (writers[format] as (file: string, bytes: number) => number)(file, sizeMb * 1e6);
      console.error(`generated ${file}: ${records} records`);
      for (const mode of modesFor(sizeMb)) {
        const runs = Array.from({ length: repeat }, () => measure(mode, format, file, sizeMb));
        const row = {
          ...(runs[0] as Measurement),
          seconds: median(runs.map((run) => run.seconds)),
          cpuSeconds: median(runs.map((run) => run.cpuSeconds)),
          peakRssMib: Math.max(...runs.map((run) => run.peakRssMib)),
        };
        rows.push(row);
        console.error(`${format} ${sizeMb} MB ${mode}: ${row.seconds.toFixed(2)} s, ${row.cpuSeconds.toFixed(2)} s CPU, ${row.peakRssMib.toFixed(0)} MiB`);
      }
      rmSync(file);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log('| format | size | method | MB/s | MB/s of CPU time | peak RSS | vs JSON.parse | count |');
console.log('|---|---|---|---|---|---|---|---|');
for (const row of rows) {
  const baseline = rows.find((other) => other.format === row.format && other.mode === 'json-parse');
  const mbPerSecond = row.sizeMb / row.seconds;
  const ratio = baseline === undefined || row.mode === 'noop' ? '' : `${(mbPerSecond / (baseline.sizeMb / baseline.seconds)).toFixed(2)}x`;
  const speed = row.mode === 'noop' ? '' : mbPerSecond.toFixed(0);
  const cpuSpeed = row.mode === 'noop' ? '' : (row.sizeMb / row.cpuSeconds).toFixed(0);
  console.log(`| ${row.format} | ${row.sizeMb} MB | ${row.mode} | ${speed} | ${cpuSpeed} | ${row.peakRssMib.toFixed(0)} MiB | ${ratio} | ${row.count} |`);
}
