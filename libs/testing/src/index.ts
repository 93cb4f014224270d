export * from './samples.js';
export * from './test-database.js';
