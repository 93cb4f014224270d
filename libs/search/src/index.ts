export * from './finding-document.js';
export * from './finding-index.js';
