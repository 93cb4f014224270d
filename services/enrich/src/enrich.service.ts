import type { AssetContext, FindingChanged, VulnerabilityIntel } from '@sieve/contracts';
import type { ServiceDefinition } from '@sieve/platform';
import { ContextHandler, EnrichHandler } from '@sieve/stages';

/** Attaches owner, exposure, data classes and exploitation intel to canonical findings. */
export const enrichService: ServiceDefinition = {
  name: 'enrich',
  defaultPort: 3104,
  wire(context) {
    const enrich = new EnrichHandler(context.stage);
    const contextHandler = new ContextHandler(context.stage, enrich);
    context.subscribe({
      group: 'sieve-enrich',
      topics: ['sieve.finding.canonical.v1'],
      maxBatchSize: 1000,
      handler: async (messages) => {
        await context.bus.publish(await enrich.handle(messages.map((message) => message.value as FindingChanged)), 'enrich');
      },
    });
    context.subscribe({
      group: 'sieve-enrich-context',
      topics: ['sieve.asset.context.v1', 'sieve.intel.vulnerability.v1'],
      maxBatchSize: 500,
      handler: async (messages) => {
        const assets = messages.filter((m) => m.topic === 'sieve.asset.context.v1').map((m) => m.value as AssetContext);
        const intel = messages.filter((m) => m.topic === 'sieve.intel.vulnerability.v1').map((m) => m.value as VulnerabilityIntel);
        if (assets.length > 0) await context.bus.publish(await contextHandler.handleAssetContext(assets), 'enrich');
        if (intel.length > 0) await context.bus.publish(await contextHandler.handleIntel(intel), 'enrich');
      },
    });
  },
};
