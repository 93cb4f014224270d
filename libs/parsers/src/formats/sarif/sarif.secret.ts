import { field, str } from '../../json-access.js';

// Values that stand for a secret the producer already masked: Gitleaks
// --redact writes "REDACTED", SARIF redaction tokens are "[REDACTED]" or
// "[REDACTED-n]", Trivy writes asterisks.
const MASKED = /^(REDACTED|\[REDACTED(-\d+)?\]|\*+)$/i;

/**
 * Reads the raw secret of a secret-scanner result. Gitleaks 7 writes it as
 * `properties.offender`, Gitleaks 8 as the region snippet (which for other
 * producers is the line around the secret). Returns null when the producer
 * gives no value or already masked it.
 */
export function readSecretValue(result: unknown, snippet: string | null): string | null {
  const properties = field(result, 'properties');
  const value = str(field(properties, 'secret')) ?? str(field(properties, 'offender')) ?? snippet;
  if (value === null || MASKED.test(value)) {
    return null;
  }
  return value;
}
