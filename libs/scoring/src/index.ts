export * from './scoring-policy.js';
export * from './risk-score.js';
