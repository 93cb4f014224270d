import { setTimeout as delay } from 'node:timers/promises';

/** How often and how patiently a failing batch is retried before it is split and dead-lettered. */
export interface RetryPolicy {
  /** Handler calls per batch, the first included. Default 3. */
  maxAttempts: number;
  /** Wait before the second call, in milliseconds; it doubles for each later call. Default 200. */
  initialDelayMs: number;
  /** Upper bound of one wait, in milliseconds. Default 10000. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, initialDelayMs: 200, maxDelayMs: 10_000 };

/** Returns the wait after failed call number `attempt` (1-based): exponential, capped. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
}

/**
 * Tells whether calling again can help. Errors with `retriable: false` are
 * terminal. Programming errors (TypeError, RangeError, SyntaxError,
 * ReferenceError) are terminal too, because the same input fails the same way.
 */
export function isRetriable(error: unknown): boolean {
  if (error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError || error instanceof ReferenceError) {
    return false;
  }
  return (error as { retriable?: unknown } | null)?.retriable !== false;
}

/** Waits, and returns false at once when the signal aborts (the bus is stopping). */
export async function waitUnlessAborted(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) {
    return false;
  }
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch (error) {
    if ((error as { name?: unknown }).name === 'AbortError') {
      return false;
    }
    throw error;
  }
}
