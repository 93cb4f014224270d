import type { AssetContext } from '@sieve/contracts';
import type { ContextWarning } from './context-warning.model.js';

export const CATALOG_KINDS = ['Component', 'System', 'API', 'Resource', 'Group'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

/**
 * A Component, System, API or Resource as the catalog describes it. Owner,
 * system and domain are short entity refs. `source` is
 * `catalog:<file>#<kind>:<name>`.
 */
export interface CatalogEntity {
  kind: CatalogKind;
  name: string;
  type: string | null;
  owner: string | null;
  system: string | null;
  domain: string | null;
  lifecycle: string | null;
  source: string;
}

/** A Group entity, kept so owner refs can be checked against the known teams. */
export interface CatalogGroup {
  name: string;
  type: string | null;
  parent: string | null;
  children: string[];
  source: string;
}

/** Everything loaded from one catalog file or folder. `assets` contains one entry per Component. */
export interface CatalogLoadResult {
  assets: AssetContext[];
  components: CatalogEntity[];
  systems: CatalogEntity[];
  apis: CatalogEntity[];
  resources: CatalogEntity[];
  groups: CatalogGroup[];
  warnings: ContextWarning[];
}
