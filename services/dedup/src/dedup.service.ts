import type { NormalizedFinding, ReportParsed } from '@sieve/contracts';
import { dedupServiceConfigShape, type BaseServiceConfig } from '@sieve/config';
import type { ServiceDefinition } from '@sieve/platform';
import { DedupHandler, LifecycleHandler, rekeyStaleIdentities } from '@sieve/stages';

/** Turns normalized findings into canonical ones and closes what complete scans no longer report. */
export const dedupService: ServiceDefinition = {
  name: 'dedup',
  defaultPort: 3103,
  configShape: dedupServiceConfigShape,
  async wire(context) {
    // Before consuming: a sighting must meet its stored finding under the current identity rules.
    await rekeyStaleIdentities(context.stage);
    const config = context.config as BaseServiceConfig & { SIEVE_DEDUP_CLOSE_AFTER: number };
    const stage = { ...context.stage, closeAfterAbsences: config.SIEVE_DEDUP_CLOSE_AFTER };
    const dedup = new DedupHandler(stage);
    const lifecycle = new LifecycleHandler(stage);
    context.subscribe({
      group: 'sieve-dedup',
      topics: ['sieve.finding.normalized.v1'],
      maxBatchSize: 1000,
      handler: async (messages) => {
        const events = messages.map((message) => message.value as NormalizedFinding);
        await context.bus.publish(await dedup.handle(events), 'dedup');
      },
    });
    context.subscribe({
      group: 'sieve-dedup-lifecycle',
      topics: ['sieve.report.parsed.v1'],
      maxBatchSize: 100,
      handler: async (messages) => {
        await context.bus.publish(await lifecycle.handleMany(messages.map((message) => message.value as ReportParsed)), 'dedup');
      },
    });
  },
};
