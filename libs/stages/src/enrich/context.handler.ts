import type { AssetContext, VulnerabilityIntel } from '@sieve/contracts';
import type { OutgoingMessage } from '@sieve/messaging';
import type { StageContext } from '../stage-context.js';
import { ESTATE_ASSET, type EnrichHandler } from './enrich.handler.js';

/**
 * Applies context and intel updates from the compacted topics, then
 * re-enriches the findings they affect, so scores follow the world and not
 * only new scans.
 */
export class ContextHandler {
  constructor(
    private readonly context: StageContext,
    private readonly enrich: EnrichHandler,
  ) {}

  async handleAssetContext(updates: AssetContext[]): Promise<OutgoingMessage[]> {
    const affected = await this.context.unitOfWork.run(async (repositories) => {
      const ids = new Set<string>();
      for (const update of updates) {
        await repositories.assets.upsertContext(update);
        const findingIds = update.asset === ESTATE_ASSET ? await repositories.findings.findAllIds() : await repositories.findings.findIdsByAsset(update.asset);
        for (const id of findingIds) ids.add(id);
      }
      return [...ids];
    });
    this.context.logger.info({ assets: updates.length, findings: affected.length }, 'asset context applied');
    return this.enrich.enrich(affected);
  }

  async handleIntel(updates: VulnerabilityIntel[]): Promise<OutgoingMessage[]> {
    const affected = await this.context.unitOfWork.run(async (repositories) => {
      await repositories.intel.upsertMany(updates);
      return repositories.findings.findIdsByVulnerabilityIds(updates.map((update) => update.vulnerabilityId));
    });
    this.context.logger.info({ vulnerabilities: updates.length, findings: affected.length }, 'vulnerability intel applied');
    return this.enrich.enrich(affected);
  }
}
