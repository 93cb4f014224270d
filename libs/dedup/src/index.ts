export * from './identity-keys.js';
export * from './group-sightings.js';
