export * from './service-config.js';
