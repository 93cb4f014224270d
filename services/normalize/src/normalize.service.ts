import type { ReportReceived } from '@sieve/contracts';
import type { ServiceDefinition } from '@sieve/platform';
import { NormalizeHandler } from '@sieve/stages';

/** Detects and parses stored reports; emits normalized findings and the parse outcome. */
export const normalizeService: ServiceDefinition = {
  name: 'normalize',
  defaultPort: 3102,
  wire(context) {
    const normalize = new NormalizeHandler(context.stage);
    context.subscribe({
      group: 'sieve-normalize',
      topics: ['sieve.report.received.v1'],
      maxBatchSize: 1,
      handler: async (messages, controls) => {
        for (const message of messages) {
          await normalize.handle(message.value as ReportReceived, async (batch) => {
            await context.bus.publish(batch, 'normalize');
            await controls.heartbeat();
          });
        }
      },
    });
  },
};
