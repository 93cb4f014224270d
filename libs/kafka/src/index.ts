export * from './kafka-bus.js';
export * from './kafka-client.js';
export * from './kafka-headers.js';
export * from './bus-metrics.js';
export * from './retry-policy.js';
export * from './topic-names.js';
export * from './topic-provisioning.js';
export * from './schema-provisioning.js';
