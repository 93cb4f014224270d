import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { AssetContext, VulnerabilityIntel } from '@sieve/contracts';
import { emptyAssetContext, loadEpssScores, loadOsvAliases, loadKevCatalogue, loadKubernetesManifests, mergeAssetContexts, mergeVulnerabilityIntel, parseCodeowners } from '@sieve/context';
import { UsageError } from '@sieve/domain';
import { ESTATE_ASSET } from '@sieve/stages';
import { loadCatalogPath } from './catalog-paths.js';
import type { InputScan } from './input-files.js';
import type { RunOptions } from './run-options.js';

/** The options that name context files, shared by `sieve run` and `sieve context push`. */
export type ContextOptions = Pick<RunOptions, 'catalog' | 'codeowners' | 'k8s' | 'runtime' | 'kev' | 'epss' | 'osv'>;

/** The `parseArgs` definitions of those options. */
export const CONTEXT_ARGUMENTS = {
  catalog: { type: 'string', multiple: true },
  codeowners: { type: 'string' },
  k8s: { type: 'string', multiple: true },
  runtime: { type: 'string', multiple: true },
  kev: { type: 'string' },
  epss: { type: 'string' },
  osv: { type: 'string', multiple: true },
} as const;
import { loadRuntimePath } from './runtime-paths.js';

export interface LoadedContext {
  assets: AssetContext[];
  intel: VulnerabilityIntel[];
  warnings: Array<{ message: string; location: string | null }>;
}

/**
 * Reads the context files of a run: catalogs (Backstage or Sieve), CODEOWNERS,
 * Kubernetes manifests, runtime observations, the KEV and EPSS files and OSV
 * records for aliases, or
 * else the catalog-info.yaml and CODEOWNERS files found in the input folders.
 * The contexts several sources give for one asset are merged by field
 * precedence, so the order of the options does not matter. A context file
 * that cannot be read at all is a usage error, because scoring without it
 * would silently be wrong.
 */
export function loadContextFiles(options: ContextOptions, scan: Pick<InputScan, 'catalogFiles' | 'codeownersFiles'>, now: Date): LoadedContext {
  const assets: AssetContext[] = [];
  const intel: VulnerabilityIntel[] = [];
  const warnings: LoadedContext['warnings'] = [];
  const take = (loaded: { assets?: AssetContext[]; intel?: VulnerabilityIntel[]; warnings: LoadedContext['warnings'] }) => {
    assets.push(...(loaded.assets ?? []));
    intel.push(...(loaded.intel ?? []));
    warnings.push(...loaded.warnings);
  };

  const catalogs = options.catalog.length > 0 ? options.catalog : scan.catalogFiles;
  for (const catalog of catalogs) take(attempt(() => loadCatalogPath(catalog), `--catalog ${catalog}`));
  for (const manifests of options.k8s) take(attempt(() => loadKubernetesManifests(manifests), `--k8s ${manifests}`));
  for (const runtime of options.runtime) take(attempt(() => loadRuntimePath(runtime, now), `--runtime ${runtime}`));

  const codeowners = options.codeowners ?? scan.codeownersFiles[0] ?? null;
  if (codeowners !== null) {
    const source = relative(process.cwd(), codeowners) || codeowners;
    const text = attempt(() => readFileSync(codeowners, 'utf8'), `--codeowners ${codeowners}`);
    const parsed = parseCodeowners(text, source);
    warnings.push(...parsed.warnings);
    assets.push(estateContext(parsed.rules, source, now));
  }

  const { kev, epss } = options;
  if (kev) take(attempt(() => loadKevCatalogue(kev), `--kev ${kev}`));
  if (epss) take(attempt(() => loadEpssScores(epss), `--epss ${epss}`));
  for (const osv of options.osv) take(attempt(() => loadOsvAliases(osv, now.getTime()), `--osv ${osv}`));

  return { assets: mergeAssetContexts(assets), intel: mergeVulnerabilityIntel(intel), warnings };
}

function estateContext(rules: AssetContext['codeOwners'], source: string, now: Date): AssetContext {
  return { ...emptyAssetContext(ESTATE_ASSET, now.getTime()), codeOwners: rules, codeOwnersSource: source };
}

function attempt<T>(load: () => T, what: string): T {
  try {
    return load();
  } catch (error) {
    throw new UsageError(`${what}: ${(error as Error).message}`);
  }
}
