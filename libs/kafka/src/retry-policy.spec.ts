import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelayMs, isRetriable, waitUnlessAborted } from './retry-policy.js';

describe('backoffDelayMs', () => {
  const policy = { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 350 };

  it('doubles after each attempt', () => {
    assert.deepEqual([1, 2].map((attempt) => backoffDelayMs(policy, attempt)), [100, 200]);
  });

  it('stops at the maximum', () => {
    assert.equal(backoffDelayMs(policy, 3), 350);
  });
});

describe('isRetriable', () => {
  it('retries a plain error', () => {
    assert.equal(isRetriable(new Error('connection reset')), true);
  });

  it('stops on retriable false', () => {
    assert.equal(isRetriable(Object.assign(new Error('invalid'), { retriable: false })), false);
  });

  it('stops on a TypeError', () => {
    assert.equal(isRetriable(new TypeError('x is undefined')), false);
  });

  it('retries a thrown non-error', () => {
    assert.equal(isRetriable('timeout'), true);
  });
});

describe('waitUnlessAborted', () => {
  it('returns false when already aborted', async () => {
    assert.equal(await waitUnlessAborted(60_000, AbortSignal.abort()), false);
  });

  it('ends the wait on abort', async () => {
    const controller = new AbortController();
    const waiting = waitUnlessAborted(60_000, controller.signal);
    controller.abort();
    assert.equal(await waiting, false);
  });

  it('returns true after the wait', async () => {
    assert.equal(await waitUnlessAborted(1, new AbortController().signal), true);
  });
});
