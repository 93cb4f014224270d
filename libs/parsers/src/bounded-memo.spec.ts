import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundedMemo } from './bounded-memo.js';

describe('boundedMemo', () => {
  it('computes each key once', () => {
    const calls: string[] = [];
    const length = boundedMemo((key) => {
      calls.push(key);
      return key.length;
    }, 10);

    assert.equal(length('abc'), 3);
    assert.equal(length('abc'), 3);
    assert.deepEqual(calls, ['abc']);
  });

  it('caches null results', () => {
    let calls = 0;
    const nothing = boundedMemo(() => {
      calls += 1;
      return null;
    }, 10);

    nothing('x');
    nothing('x');
    assert.equal(calls, 1);
  });

  it('empties the cache at the bound', () => {
    const calls: string[] = [];
    const echo = boundedMemo((key) => {
      calls.push(key);
      return key;
    }, 2);

    echo('a');
    echo('b');
    echo('c');
    echo('a');
    assert.deepEqual(calls, ['a', 'b', 'c', 'a']);
  });
});
