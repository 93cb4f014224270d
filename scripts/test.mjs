#!/usr/bin/env node
// Runs the test suite with Node's test runner: every *.spec.ts and
// *.int-spec.ts below the given folders or files (default: libs, services,
// e2e, bench, scripts, deploy). TypeScript is loaded through tsx, so nothing is built
// first. When the selection includes integration tests, the local Kafka,
// schema registry and OpenSearch are started if they are not running, and
// whatever this run started is stopped again at the end.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', 'dist', '.infra', '.git', '.nx']);

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      collect(path, out);
    } else if (name.endsWith('.spec.ts') || name.endsWith('.int-spec.ts')) {
      out.push(relative(root, path));
    }
  }
  return out;
}

const roots = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const files = (roots.length > 0 ? roots : ['libs', 'services', 'e2e', 'bench', 'scripts', 'deploy'])
  .flatMap((path) => (statSync(join(root, path)).isDirectory() ? collect(join(root, path), []) : [path]))
  .sort();

if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

const INFRA = join(root, 'deploy', 'local', 'infra.sh');
const SERVICES = ['kafka', 'registry', 'opensearch'];
const needsInfra = files.some((file) => file.endsWith('.int-spec.ts')) && process.env.SIEVE_TEST_SKIP_INFRA !== '1';
let started = [];

if (needsInfra) {
  started = SERVICES.filter((service) => spawnSync(INFRA, ['status', service], { stdio: 'ignore' }).status !== 0);
  if (started.length > 0) {
    console.log(`starting ${started.join(', ')} for the integration tests (deploy/local/infra.sh up)`);
    const up = spawnSync(INFRA, ['up', ...started], { cwd: root, stdio: 'inherit' });
    if (up.status !== 0) {
      console.error('could not start the local infrastructure; see the messages above');
      process.exit(1);
    }
  }
}

let status = 1;
try {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
  );
  status = result.status ?? 1;
} finally {
  if (started.length > 0) {
    spawnSync(INFRA, ['down', ...started], { cwd: root, stdio: 'inherit' });
  }
}
process.exit(status);
