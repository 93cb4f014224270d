export * from './context-warning.model.js';
export * from './context-source.error.js';
export * from './catalog.model.js';
export { loadCatalog, MAX_CATALOG_FILE_BYTES, MAX_CATALOG_FILES, type CatalogLoadOptions } from './backstage-catalog.loader.js';
export { MAX_YAML_ALIASES } from './catalog-file.parser.js';
export {
  CRITICALITY_ANNOTATION,
  CRITICALITY_VALUES,
  DATA_CLASSES_ANNOTATION,
  DATA_CLASS_VALUES,
  EXPOSURE_ANNOTATION,
  type Criticality,
  type DataClass,
} from './sieve-annotations.parser.js';
export { shortEntityRef } from './entity-ref.parser.js';
export { parseCodeowners, MAX_CODEOWNERS_BYTES, type CodeownersParseResult } from './codeowners.parser.js';
export { matchCodeowners, type CodeownersMatch } from './codeowners.matcher.js';
export { resolveOwner, type CodeownersFile, type OwnedAsset, type OwnerQuery, type ResolvedOwner } from './owner.resolver.js';
export { loadKevCatalogue, MAX_KEV_FILE_BYTES, type KevCatalogueLoadResult } from './kev-catalogue.loader.js';
