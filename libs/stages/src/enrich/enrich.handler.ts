import type { Exposure, FindingChanged, FindingEnriched, KevListing } from '@sieve/contracts';
import { resolveOwner } from '@sieve/context';
import { newId } from '@sieve/domain';
import type { OutgoingMessage } from '@sieve/messaging';
import type { AssetRow, EnrichmentRow, FindingSummary, IntelRow } from '@sieve/persistence';
import type { StageContext } from '../stage-context.js';

/** Asset name under which estate-wide context (a repository-level CODEOWNERS) is stored. */
export const ESTATE_ASSET = '*';

const EXPOSURES = new Set(['internet', 'partner', 'internal']);

/**
 * Attaches context to canonical findings: owner (catalog, then CODEOWNERS),
 * exposure, data classes and criticality of the asset, and CISA KEV listing of
 * any of the finding's vulnerability ids. Emits one enriched event per finding.
 */
export class EnrichHandler {
  constructor(private readonly context: StageContext) {}

  async handle(events: FindingChanged[]): Promise<OutgoingMessage[]> {
    const ids = [...new Set(events.map((event) => event.findingId))];
    return this.enrich(ids);
  }

  /** Enriches the given findings from the current context; also used when context or intel changes. */
  async enrich(findingIds: string[]): Promise<OutgoingMessage[]> {
    if (findingIds.length === 0) return [];
    const now = this.context.now();
    const enriched = await this.context.unitOfWork.run(async (repositories) => {
      const findings = await repositories.findings.findSummaries(findingIds);
      const assets = await repositories.assets.findByNames([...findings.map((f) => f.asset), ESTATE_ASSET]);
      const intel = await repositories.intel.findByIds(findings.flatMap((f) => f.vulnerability_ids));
      const rows = findings.map((finding) => enrichmentOf(finding, assets, intel, now));
      await repositories.findingContext.recordEnrichment(rows);
      return rows.map((row, index) => ({ row, asset: findings[index]!.asset }));
    });
    return enriched.map(({ row, asset }) => ({
      topic: 'sieve.finding.enriched.v1',
      value: {
        eventId: newId(),
        findingId: row.id,
        asset,
        owner: row.owner,
        ownerSource: row.owner_source,
        exposure: row.exposure as Exposure,
        exposureSource: row.exposure_source,
        dataClasses: row.data_classes,
        criticality: row.criticality,
        kev: row.kev,
        enrichedAt: now.getTime(),
      } satisfies FindingEnriched,
    }));
  }
}

function enrichmentOf(finding: FindingSummary, assets: Map<string, AssetRow>, intel: Map<string, IntelRow>, now: Date): EnrichmentRow {
  const asset = assets.get(finding.asset) ?? null;
  const estate = assets.get(ESTATE_ASSET) ?? null;
  const ownRules = asset && asset.code_owners.length > 0 ? { rules: asset.code_owners, source: asset.code_owners_source ?? 'CODEOWNERS' } : null;
  const estateRules = estate && estate.code_owners.length > 0 ? { rules: estate.code_owners, source: estate.code_owners_source ?? 'CODEOWNERS' } : null;
  const owner = resolveOwner({
    asset: asset ? { owner: asset.owner, ownerSource: asset.owner_source } : null,
    codeowners: ownRules ?? estateRules,
    path: finding.path,
    pathPrefix: ownRules ? '' : `${finding.asset}/`,
  });
  const exposure = asset?.exposure && EXPOSURES.has(asset.exposure) ? asset.exposure : 'unknown';
  return {
    id: finding.id,
    owner: owner.owner,
    owner_source: owner.source,
    exposure,
    exposure_source: exposure === 'unknown' ? null : asset?.exposure_source ?? null,
    data_classes: asset?.data_classes ?? [],
    criticality: asset?.criticality ?? null,
    kev: kevOf(finding, intel),
    enriched_at: now,
  };
}

/** Finds the earliest KEV listing among the finding's vulnerability ids and aliases. */
function kevOf(finding: FindingSummary, intel: Map<string, IntelRow>): KevListing | null {
  let best: KevListing | null = null;
  for (const id of finding.vulnerability_ids) {
    const kev = intel.get(id)?.kev;
    if (kev && (best === null || kev.dateAdded < best.dateAdded)) {
      best = { vulnerabilityId: id, dateAdded: kev.dateAdded, knownRansomwareUse: kev.knownRansomwareUse };
    }
  }
  return best;
}
