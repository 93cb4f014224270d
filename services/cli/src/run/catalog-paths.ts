import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AssetContext } from '@sieve/contracts';
import { findCatalogFiles, loadCatalog, loadSieveCatalog, MAX_CATALOG_FILES, SIEVE_CATALOG_SCHEMA } from '@sieve/context';

export interface CatalogContext {
  assets: AssetContext[];
  warnings: Array<{ message: string; location: string | null }>;
}

const SIEVE_CATALOG_FILE = /^sieve-catalog\.ya?ml$/i;
const SCHEMA_LINE = new RegExp(`^schema:\\s*["']?${SIEVE_CATALOG_SCHEMA.replace(/[./]/g, '\\$&')}["']?\\s*$`, 'm');

/**
 * Reads a `--catalog` path. A file is a Sieve catalog when it declares the
 * Sieve catalog schema, and a Backstage catalog otherwise. A folder is read
 * as Backstage catalog files, and the `sieve-catalog.yaml` files in it as
 * Sieve catalogs.
 */
export function loadCatalogPath(path: string): CatalogContext {
  if (!existsSync(path)) {
    // The Backstage reader rejects a missing path with a message naming it.
    return loadCatalog(path);
  }
  if (!statSync(path).isDirectory()) {
    return isSieveCatalog(path) ? loadSieveCatalog(path) : loadCatalog(path);
  }

  const backstage = loadCatalog(path);
  const sieveFiles = findSieveCatalogs(path);
  const own = new Set(sieveFiles);
  const context: CatalogContext = {
    assets: [...backstage.assets],
    // The Backstage reader reports a Sieve catalog as a file with no entities; that is expected here.
    warnings: backstage.warnings.filter((warning) => warning.location === null || !own.has(join(path, warning.location.replace(/:\d+$/, '')))),
  };
  for (const file of sieveFiles) {
    const loaded = loadSieveCatalog(file);
    context.assets.push(...loaded.assets);
    context.warnings.push(...loaded.warnings);
  }
  return context;
}

function isSieveCatalog(path: string): boolean {
  return SCHEMA_LINE.test(readFileSync(path, 'utf8').slice(0, 4096));
}

function findSieveCatalogs(folder: string): string[] {
  return findCatalogFiles(folder, MAX_CATALOG_FILES, { pattern: SIEVE_CATALOG_FILE }).files;
}
