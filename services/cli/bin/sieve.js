#!/usr/bin/env node
// Entry point of the sieve command. The sources are TypeScript and run
// through tsx, with the workspace's tsconfig for the @sieve/* paths.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
register({ tsconfig: join(root, 'tsconfig.json') });
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
