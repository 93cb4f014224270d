export * from './generated/types.js';
export * from './topics.js';
export * from './schema-files.js';
export * from './registry/schema-registry.port.js';
export * from './registry/in-process-schema-registry.js';
export * from './serde/avro-serde.js';
export * from './serde/decode-error.js';
export * from './serde/rabin-fingerprint.js';
