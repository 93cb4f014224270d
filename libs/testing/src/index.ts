export * from './samples.js';
export * from './test-database.js';
export * from './run-sieve.js';
export * from './schema-drift.js';
export * from './stack-harness.js';
