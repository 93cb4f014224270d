import { isRedactionMarker } from '@sieve/domain';
import { arr, field, str } from '../../json-access.js';

// Analyzers of GitLab secret detection, merged into SAST reports by older
// GitLab versions with category "sast".
const SECRET_SCANNERS = new Set(['gitleaks', 'trufflehog', 'secrets', 'detect-secrets']);
const SECRET_IDENTIFIER_TYPES = new Set(['gitleaks_rule_id', 'trufflehog_rule_id', 'detect_secrets_rule_id']);

/** True when a vulnerability comes from secret detection rather than from a SAST analyzer. */
export function isSecretDetection(vulnerability: unknown, scanType: string | null, scannerId: string | null): boolean {
  if (str(field(vulnerability, 'category')) === 'secret_detection' || scanType === 'secret_detection') {
    return true;
  }
  if (scannerId !== null && SECRET_SCANNERS.has(scannerId.toLowerCase())) {
    return true;
  }
  return arr(field(vulnerability, 'identifiers')).some((identifier) => SECRET_IDENTIFIER_TYPES.has(str(field(identifier, 'type'))?.toLowerCase() ?? ''));
}

// Minimum length of a line of a multi-line extract that is redacted on its own.
const MIN_REDACTED_LINE = 8;

export interface ExtractReading {
  /** The extract's text, or null when absent or already a redaction marker. */
  text: string | null;
  /** The redaction marker a stored copy contains in place of the extract, or null. */
  marker: string | null;
  /** Every form of the extract in the report, for redaction of the stored copy. */
  redactionValues: string[];
}

/**
 * Reads `raw_source_code_extract`: a string, or (in reports written by
 * Semgrep's secrets mode) an array of lines, joined. For secret detection it
 * is the secret itself, or the line that contains it. The lines of a
 * multi-line array are redacted one by one too, because the joined text does
 * not occur in the report.
 */
export function readExtract(vulnerability: unknown): ExtractReading {
  const value = field(vulnerability, 'raw_source_code_extract');
  const lines = Array.isArray(value) ? value.filter((line): line is string => typeof line === 'string') : [];
  const joined = Array.isArray(value) ? str(lines.join('')) : str(value);
  if (joined === null || isRedactionMarker(joined)) {
    return { text: null, marker: joined, redactionValues: [] };
  }
  // NOTE: a stored copy of a multi-line extract contains one marker per line,
  // so its secret hash differs from the original's.
  const lineValues = lines.length > 1 ? lines.map((line) => line.trim()).filter((line) => line.length >= MIN_REDACTED_LINE) : [];
  return { text: joined, marker: null, redactionValues: [joined, ...lineValues] };
}
