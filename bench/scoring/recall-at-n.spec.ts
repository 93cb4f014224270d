import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cutOffs, cvssOnlyOrder, recallAtN } from './recall-at-n.js';

describe('recallAtN', () => {
  const ranked = ['a', 'b', 'c', 'd', 'e'];
  const relevant = new Set(['a', 'c', 'e']);

  it('counts relevant keys within the cut-off', () => {
    assert.equal(recallAtN(ranked, relevant, 1), 1 / 3);
    assert.equal(recallAtN(ranked, relevant, 3), 2 / 3);
    assert.equal(recallAtN(ranked, relevant, 5), 1);
  });

  it('returns 0 at cut-off 0', () => {
    assert.equal(recallAtN(ranked, relevant, 0), 0);
  });

  it('reads a cut-off past the end as the whole queue', () => {
    assert.equal(recallAtN(['a', 'b'], relevant, 10), 1 / 3);
  });

  it('ignores relevant keys missing from the queue', () => {
    assert.equal(recallAtN(['x', 'a'], new Set(['a', 'missing']), 2), 0.5);
  });

  it('rejects an empty relevant set', () => {
    assert.throws(() => recallAtN(ranked, new Set(), 3), RangeError);
  });

  it('rejects a negative or fractional cut-off', () => {
    assert.throws(() => recallAtN(ranked, relevant, -1), RangeError);
    assert.throws(() => recallAtN(ranked, relevant, 1.5), RangeError);
  });
});

describe('cvssOnlyOrder', () => {
  it('sorts by base score, then by key on ties', () => {
    const order = cvssOnlyOrder([
      { key: 'b', baseScore: 9.8 },
      { key: 'c', baseScore: 4.3 },
      { key: 'a', baseScore: 9.8 },
      { key: 'd', baseScore: 10 },
    ]);
    assert.deepEqual(order, ['d', 'a', 'b', 'c']);
  });
});

describe('cutOffs', () => {
  it('lists must-fix size, twice it, 5 and 10 percent', () => {
    assert.deepEqual(
      cutOffs(47, 2000).map((cutOff) => cutOff.n),
      [47, 94, 100, 200],
    );
  });

  it('rounds percentages up', () => {
    assert.deepEqual(
      cutOffs(1, 15).map((cutOff) => cutOff.n),
      [1, 2, 1, 2],
    );
  });
});
