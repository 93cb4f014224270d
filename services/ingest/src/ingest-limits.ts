/** Injection token of the ingest limits. */
export const INGEST_LIMITS = Symbol('INGEST_LIMITS');

export interface IngestLimits {
  /** Largest report in bytes, as a raw body or as the multipart file part; larger ones get 413. */
  maxReportBytes: number;
}

const DEFAULT_MAX_REPORT_BYTES = 64 * 1024 * 1024;

/** Reads SIEVE_INGEST_MAX_BYTES, falling back to 64 MiB when it is unset or not a positive integer. */
export function maxReportBytes(): number {
  const configured = Number(process.env['SIEVE_INGEST_MAX_BYTES'] ?? DEFAULT_MAX_REPORT_BYTES);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_REPORT_BYTES;
}

/** Message of the 413 response, the same for a raw body and a multipart file. */
export function reportTooLargeMessage(maxBytes: number): string {
  return `report is larger than the limit of ${maxBytes} bytes (SIEVE_INGEST_MAX_BYTES)`;
}
