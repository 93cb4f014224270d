import { SieveError } from '@sieve/domain';

export type ContextSourceErrorCode =
  | 'not_found'
  | 'too_large'
  | 'not_text'
  | 'invalid_json'
  | 'invalid_yaml'
  | 'not_kev_catalogue'
  | 'not_epss_csv'
  | 'not_sieve_catalog'
  | 'not_runtime_observations';

/**
 * A context file that cannot be used at all: missing, too large, not text, or
 * not the format the loader reads. Retrying with the same file cannot help.
 */
export class ContextSourceError extends SieveError {
  constructor(
    code: ContextSourceErrorCode,
    message: string,
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, false, options);
  }
}
