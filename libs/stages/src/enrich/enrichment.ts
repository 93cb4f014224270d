import { fromRuntimeObservation, reachabilityOf, resolveOwner } from '@sieve/context';
import type { AssetRow, EnrichmentRow, FindingSummary, IntelRow } from '@sieve/persistence';
import { epssOf, kevOf } from './exploit-intel.js';
import { packageKeyOf } from './package-key.js';

/** Asset name under which estate-wide context (a repository-level CODEOWNERS) is stored. */
export const ESTATE_ASSET = '*';

const EXPOSURES = new Set(['internet', 'partner', 'internal']);

export interface EnrichmentSources {
  assets: Map<string, AssetRow>;
  intel: Map<string, IntelRow>;
  /** Assets per package key (see packageKeyOf) that have an active finding on that package version. */
  assetsByPackage: Map<string, number>;
  now: Date;
}

/** Computes the context of one finding from what is stored about its asset and vulnerabilities. */
export function enrichmentOf(finding: FindingSummary, sources: EnrichmentSources): EnrichmentRow {
  const asset = sources.assets.get(finding.asset) ?? null;
  const owner = ownerOf(finding, asset, sources.assets.get(ESTATE_ASSET) ?? null);
  const exposure = asset?.exposure && EXPOSURES.has(asset.exposure) ? asset.exposure : 'unknown';
  const reachability = reachabilityOf({
    purl: finding.package_purl,
    vulnerabilityIds: finding.vulnerability_ids,
    observations: (asset?.runtime_observations ?? []).map((stored) => fromRuntimeObservation(finding.asset, stored)),
    vexJustification: finding.vex_justification,
    scannerHint: finding.reachability_hint,
  });
  const packageKey = packageKeyOf(finding);

  return {
    id: finding.id,
    owner: owner.owner,
    owner_source: owner.source,
    exposure,
    exposure_source: exposure === 'unknown' ? null : (asset?.exposure_source ?? null),
    data_classes: asset?.data_classes ?? [],
    data_classes_source: asset?.data_classes_source ?? null,
    criticality: asset?.criticality ?? null,
    criticality_source: asset?.criticality_source ?? null,
    kev: kevOf(finding, sources.intel),
    epss: epssOf(finding, sources.intel),
    exploit_hint: finding.exploit_hint,
    reachability: reachability.state,
    reachability_source: reachability.source,
    reachability_reason: reachability.state === 'unknown' ? null : reachability.reason,
    blast_radius: packageKey === null ? null : Math.max(1, sources.assetsByPackage.get(packageKey) ?? 1),
    enriched_at: sources.now,
  };
}

/** Owner from the asset's catalog entry, else from its own CODEOWNERS, else from the estate's CODEOWNERS under the asset's folder. */
function ownerOf(finding: FindingSummary, asset: AssetRow | null, estate: AssetRow | null) {
  const ownRules = asset && asset.code_owners.length > 0 ? { rules: asset.code_owners, source: asset.code_owners_source ?? 'CODEOWNERS' } : null;
  const estateRules = estate && estate.code_owners.length > 0 ? { rules: estate.code_owners, source: estate.code_owners_source ?? 'CODEOWNERS' } : null;
  return resolveOwner({
    asset: asset ? { owner: asset.owner, ownerSource: asset.owner_source } : null,
    codeowners: ownRules ?? estateRules,
    path: finding.path,
    pathPrefix: ownRules ? '' : `${finding.asset}/`,
  });
}
