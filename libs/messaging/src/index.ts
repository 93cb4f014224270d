export * from './message-bus.port.js';
export * from './in-memory-bus.js';
