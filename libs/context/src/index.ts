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
export type { ImageLink, RepositoryLink } from './asset-link.model.js';
export {
  loadKubernetesManifests,
  serviceNameOf,
  OWNER_LABELS,
  SERVICE_NAME_LABELS,
  SYSTEM_LABEL,
  type KubernetesManifestsLoadResult,
} from './kubernetes-manifests.loader.js';
export { loadSieveCatalog, type SieveCatalogLoadResult } from './sieve-catalog.loader.js';
export { ASSET_KIND_VALUES, SIEVE_CATALOG_SCHEMA } from './sieve-catalog.schema.js';
export { mergeAssetContexts, originOf, FIELD_PRECEDENCE, type ContextOrigin } from './asset-context.merger.js';
export { loadEpssScores, MAX_EPSS_FILE_BYTES, type EpssLoadResult } from './epss-scores.loader.js';
export { mergeVulnerabilityIntel } from './vulnerability-intel.merger.js';
export type { ObservedFunction, ObservedPackage, RuntimeObservations } from './runtime-observations.model.js';
export { RUNTIME_OBSERVATIONS_SCHEMA } from './runtime-observations.schema.js';
export { loadRuntimeObservations, MAX_RUNTIME_OBSERVATIONS_BYTES, type RuntimeObservationsLoadResult } from './runtime-observations.loader.js';
export { reachabilityOf, type Reachability, type ReachabilityQuery, type ReachabilityState } from './reachability.resolver.js';
export { fromRuntimeObservation, runtimeContextOf, toRuntimeObservation } from './runtime-observations.wire.js';
export { emptyAssetContext } from './asset-context.factory.js';
export { loadOsvAliases, MAX_OSV_FILE_BYTES, type OsvAliasesLoadResult } from './osv-aliases.loader.js';
export { findCatalogFiles, type CatalogFiles, type FileSearch } from './catalog-files.finder.js';
