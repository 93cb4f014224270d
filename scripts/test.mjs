#!/usr/bin/env node
// Runs the test suite with Node's test runner: every *.spec.ts and
// *.int-spec.ts below the given folders (default: libs, services, bench,
// scripts). TypeScript is loaded through tsx, so nothing is built first.
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
const files = (roots.length > 0 ? roots : ['libs', 'services', 'bench', 'scripts'])
  .flatMap((path) => (statSync(join(root, path)).isDirectory() ? collect(join(root, path), []) : [path]))
  .sort();

if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
