// Benchmark of `sieve run` on a generated workload: findings per second and
// peak RSS of the whole process, measured with GNU time. Usage:
//   npx tsx bench/pipeline/run-embedded-bench.ts [--findings 100000] [--per-report 5000] [--assets 20]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateWorkload } from './generate-workload.js';

const { values } = parseArgs({
  options: {
    findings: { type: 'string', default: '100000' },
    'per-report': { type: 'string', default: '5000' },
    assets: { type: 'string', default: '20' },
  },
});
const findings = Number(values.findings);
const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'sieve-bench-'));

try {
  const started = Date.now();
  const { files } = generateWorkload({ dir, findings, assets: Number(values.assets), findingsPerReport: Number(values['per-report']) });
  console.log(`generated ${findings} findings in ${files} reports under ${dir} (${Date.now() - started} ms)`);

  const out = join(dir, 'queue.json');
  const run = spawnSync('/usr/bin/time', ['-f', '%M %e', process.execPath, join(root, 'services/cli/bin/sieve.js'), 'run', dir, '--format', 'json', '--out', out, '--quiet'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const timing = run.stderr.trim().split('\n').pop() ?? '';
  const [maxRssKb, seconds] = timing.split(' ').map(Number);
  if (run.status !== 0 || !maxRssKb || !seconds) {
    console.error(run.stderr);
    throw new Error(`sieve run exited with ${run.status}`);
  }
  console.log(`sieve run: ${findings} findings in ${seconds.toFixed(1)} s = ${Math.round(findings / seconds)} findings/s, peak RSS ${Math.round(maxRssKb / 1024)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
