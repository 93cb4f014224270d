export * from './service-runtime.js';
export * from './service-context.js';
export * from './readiness.js';
export * from './kafka.transport.js';
export * from './health.controller.js';
export * from './metrics.controller.js';
export * from './bus-metrics.collector.js';
