import type { AssetContext } from '@sieve/contracts';

/** Creates an asset context that states nothing yet: every value null or empty. */
export function emptyAssetContext(asset: string, updatedAt: number): AssetContext {
  return {
    asset,
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
    codeOwners: [],
    codeOwnersSource: null,
    runtimeObservations: [],
    updatedAt,
  };
}
