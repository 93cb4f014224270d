import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './samples.js';

export interface SieveRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the sieve command as a user would, in a child process, and returns what it printed. */
export function runSieve(args: string[], cwd = REPO_ROOT): SieveRun {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'services/cli/bin/sieve.js'), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `sieve run --format json` and parses its output. */
// Output fields are read loosely in tests; the JSON contract is checked field by field there.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

export function runSieveJson(args: string[]): SieveRun & { output: { findings: Loose[]; inputs: Loose[] } } {
  const run = runSieve(['run', '--format', 'json', '--quiet', ...args]);
  let output;
  try {
    output = JSON.parse(run.stdout);
  } catch {
    throw new Error(`sieve run printed no JSON (exit ${run.status}):\n${run.stderr}`);
  }
  return { ...run, output };
}
