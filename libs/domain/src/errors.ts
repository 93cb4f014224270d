/**
 * Base of every error Sieve raises on purpose. `code` is stable and
 * machine-readable; `retriable` says whether trying the same operation again
 * can succeed. Nothing classifies errors by their message text.
 */
export class SieveError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A report that cannot be read as a whole: empty, truncated, of no known
 * format, or an error envelope from the tool. `location` says where the
 * problem is (a JSON pointer, a line and column, a byte offset) when known.
 */
export class ReportRejectedError extends SieveError {
  constructor(
    code: string,
    message: string,
    readonly location: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(code, message, false, options);
  }
}

/** Wrong command-line or API usage. */
export class UsageError extends SieveError {
  constructor(message: string) {
    super('usage', message, false);
  }
}
