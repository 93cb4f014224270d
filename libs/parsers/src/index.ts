export * from './report-input.js';
export * from './report-format.js';
export * from './format-registry.js';
export * from './finding-builder.js';
export * from './streaming/index.js';
export * from './report-reader.js';
