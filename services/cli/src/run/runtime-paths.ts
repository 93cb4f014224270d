import type { AssetContext } from '@sieve/contracts';
import { findCatalogFiles, loadRuntimeObservations, runtimeContextOf } from '@sieve/context';

/** Most observation files read below one folder. */
const MAX_RUNTIME_FILES = 10_000;

export interface RuntimeContext {
  assets: AssetContext[];
  warnings: Array<{ message: string; location: string | null }>;
}

/** Reads a `--runtime` path: one observations file, or every `.json` file below a folder. */
export function loadRuntimePath(path: string, now: Date): RuntimeContext {
  const found = findCatalogFiles(path, MAX_RUNTIME_FILES, { pattern: /\.json$/i, kind: 'runtime observations' });
  const context: RuntimeContext = { assets: [], warnings: [] };
  if (found.truncated) {
    context.warnings.push({ message: `folder contains more than ${MAX_RUNTIME_FILES} JSON files, so only the first ${MAX_RUNTIME_FILES} were read`, location: path });
  }

  for (const file of found.files) {
    const loaded = loadRuntimeObservations(file);
    context.assets.push(runtimeContextOf(loaded.observations, now.getTime()));
    context.warnings.push(...loaded.warnings);
  }
  return context;
}
