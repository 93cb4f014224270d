import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AssetContext } from '@sieve/contracts';
import { loadRuntimeObservations, runtimeContextOf } from '@sieve/context';

export interface RuntimeContext {
  assets: AssetContext[];
  warnings: Array<{ message: string; location: string | null }>;
}

/** Reads a `--runtime` path: one observations file, or every `.json` file below a folder. */
export function loadRuntimePath(path: string, now: Date): RuntimeContext {
  const files = statSync(path).isDirectory() ? jsonFilesBelow(path) : [path];
  const context: RuntimeContext = { assets: [], warnings: [] };
  for (const file of files) {
    const loaded = loadRuntimeObservations(file);
    context.assets.push(runtimeContextOf(loaded.observations, now.getTime()));
    context.warnings.push(...loaded.warnings);
  }
  return context;
}

function jsonFilesBelow(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...jsonFilesBelow(path));
    else if (entry.isFile() && entry.name.endsWith('.json')) found.push(path);
  }
  return found.sort();
}
