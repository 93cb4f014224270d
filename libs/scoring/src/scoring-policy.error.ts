import { SieveError } from '@sieve/domain';

export type ScoringPolicyErrorCode = 'not_found' | 'too_large' | 'invalid_yaml' | 'invalid_policy';

/** A policy file that cannot be used. Retrying with the same file cannot help. */
export class ScoringPolicyError extends SieveError {
  constructor(code: ScoringPolicyErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, false, options);
  }
}
