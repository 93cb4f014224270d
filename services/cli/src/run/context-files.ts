import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { AssetContext, VulnerabilityIntel } from '@sieve/contracts';
import { loadCatalog, loadKevCatalogue, parseCodeowners } from '@sieve/context';
import { UsageError } from '@sieve/domain';
import { ESTATE_ASSET } from '@sieve/stages';
import type { InputScan } from './input-files.js';
import type { RunOptions } from './run-options.js';

export interface LoadedContext {
  assets: AssetContext[];
  intel: VulnerabilityIntel[];
  warnings: Array<{ message: string; location: string | null }>;
}

/**
 * Reads the context files of a run: the Backstage catalog, CODEOWNERS and the
 * KEV catalogue given as options, or else the catalog-info.yaml and CODEOWNERS
 * files found in the input folders. A context file that cannot be read at all
 * is a usage error, because scoring without it would silently be wrong.
 */
export function loadContextFiles(options: RunOptions, scan: InputScan, now: Date): LoadedContext {
  const context: LoadedContext = { assets: [], intel: [], warnings: [] };

  const catalogs = options.catalog ? [options.catalog] : scan.catalogFiles;
  for (const catalog of catalogs) {
    const loaded = attempt(() => loadCatalog(catalog), `--catalog ${catalog}`);
    context.assets.push(...loaded.assets);
    context.warnings.push(...loaded.warnings);
  }

  const codeowners = options.codeowners ?? scan.codeownersFiles[0] ?? null;
  if (codeowners !== null) {
    const source = relative(process.cwd(), codeowners) || codeowners;
    const text = attempt(() => readFileSync(codeowners, 'utf8'), `--codeowners ${codeowners}`);
    const parsed = parseCodeowners(text, source);
    context.warnings.push(...parsed.warnings);
    context.assets.push(estateContext(parsed.rules, source, now));
  }

  if (options.kev) {
    const kevPath = options.kev;
    const loaded = attempt(() => loadKevCatalogue(kevPath), `--kev ${kevPath}`);
    context.intel.push(...loaded.intel);
    context.warnings.push(...loaded.warnings);
  }
  return context;
}

function estateContext(rules: AssetContext['codeOwners'], source: string, now: Date): AssetContext {
  return {
    asset: ESTATE_ASSET,
    kind: null,
    owner: null,
    ownerSource: null,
    exposure: null,
    exposureSource: null,
    dataClasses: [],
    dataClassesSource: null,
    criticality: null,
    criticalitySource: null,
    system: null,
    lifecycle: null,
    images: [],
    codeOwners: rules,
    codeOwnersSource: source,
    updatedAt: now.getTime(),
  };
}

function attempt<T>(load: () => T, what: string): T {
  try {
    return load();
  } catch (error) {
    throw new UsageError(`${what}: ${(error as Error).message}`);
  }
}
