import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pairwiseScore, stability } from './bench-metrics.js';

describe('pairwiseScore', () => {
  it('scores a perfect grouping', () => {
    const score = pairwiseScore([0, 0, 1], ['a', 'a', 'b']);
    assert.equal(score.precision, 1);
    assert.equal(score.recall, 1);
  });

  it('counts a false merge', () => {
    const score = pairwiseScore([0, 0, 0], ['a', 'a', 'b']);
    assert.equal(score.predictedPairs, 3);
    assert.equal(score.precision, 1 / 3);
  });

  it('counts a missed merge', () => {
    const score = pairwiseScore([0, 1, 2], ['a', 'a', 'a']);
    assert.equal(score.recall, 0);
  });
});

describe('stability', () => {
  it('counts unchanged identities', () => {
    assert.equal(stability(['a', 'b', 'c', 'd'], ['a', 'b', 'x', 'd']), 0.75);
  });

  it('rejects lists of two lengths', () => {
    assert.throws(() => stability(['a'], []));
  });
});
