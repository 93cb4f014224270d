import type { Exposure, FindingChanged, FindingEnriched } from '@sieve/contracts';
import { newId } from '@sieve/domain';
import type { OutgoingMessage } from '@sieve/messaging';
import type { EnrichmentRow } from '@sieve/persistence';
import type { StageContext } from '../stage-context.js';
import { enrichmentOf, ESTATE_ASSET } from './enrichment.js';
import { packageKeyOf } from './package-key.js';

export { ESTATE_ASSET } from './enrichment.js';

/**
 * Attaches context to canonical findings: owner (catalog, then CODEOWNERS),
 * exposure, data classes and criticality of the asset, CISA KEV and EPSS of
 * the finding's vulnerability ids, exploit hints from the reports,
 * reachability from runtime observations, VEX and scanners, and the blast
 * radius of its package. Emits one enriched event per finding.
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
      const packageKeys = findings.map(packageKeyOf).filter((key): key is string => key !== null);
      const assetsByPackage = await repositories.findingContext.countAssetsByPackage(packageKeys);

      const rows = findings.map((finding) => enrichmentOf(finding, { assets, intel, assetsByPackage, now }));
      await repositories.findingContext.recordEnrichment(rows);
      return rows.map((row, index) => ({ row, asset: findings[index]!.asset }));
    });
    return enriched.map(({ row, asset }) => ({ topic: 'sieve.finding.enriched.v1', value: enrichedEvent(row, asset, now) }));
  }
}

function enrichedEvent(row: EnrichmentRow, asset: string, now: Date): FindingEnriched {
  return {
    eventId: newId(),
    findingId: row.id,
    asset,
    owner: row.owner,
    ownerSource: row.owner_source,
    exposure: row.exposure as Exposure,
    exposureSource: row.exposure_source,
    dataClasses: row.data_classes,
    dataClassesSource: row.data_classes_source,
    criticality: row.criticality,
    criticalitySource: row.criticality_source,
    kev: row.kev,
    epss: row.epss,
    exploitHint: row.exploit_hint,
    reachability: row.reachability,
    reachabilitySource: row.reachability_source,
    reachabilityReason: row.reachability_reason,
    blastRadius: row.blast_radius,
    enrichedAt: now.getTime(),
  };
}
