import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPercentile, formatProbability } from './reason-text.js';

describe('formatProbability', () => {
  const cases: Array<[number, string]> = [
    [0.94, '0.94'],
    [0.1, '0.1'],
    [0.00042, '0.00042'],
    [0.0123456, '0.01'],
    [0, '0'],
  ];
  for (const [probability, expected] of cases) {
    it(`writes ${probability}`, () => {
      assert.equal(formatProbability(probability), expected);
    });
  }
});

describe('formatPercentile', () => {
  const cases: Array<[number, string]> = [
    [0.973, '97th'],
    [0.29, '29th'],
    [0.011, '1st'],
    [0.02, '2nd'],
    [0.03, '3rd'],
    [0.11, '11th'],
    [0.12, '12th'],
    [0.21, '21st'],
    [1, '100th'],
  ];
  for (const [percentile, expected] of cases) {
    it(`writes ${percentile}`, () => {
      assert.equal(formatPercentile(percentile), expected);
    });
  }
});
