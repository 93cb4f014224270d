import type { Cvss, Severity } from '@sieve/contracts';
import { maxSeverity, severityFromCvssScore } from '@sieve/domain';
import { addCvssVector, severityFromVectors, withVersionPrefix } from '../../cvss-vectors.js';
import { arr, field, num, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseWarning } from '../../report-format.js';

// CycloneDX severity words; "none" is a rating of no impact, kept as info.
const CDX_SEVERITIES = new Map<string, Severity>([
  ['critical', 'critical'],
  ['high', 'high'],
  ['medium', 'medium'],
  ['low', 'low'],
  ['info', 'info'],
  ['none', 'info'],
  ['unknown', 'unknown'],
]);

// Rating methods whose vector is a CVSS vector, with the version a prefix-less vector has.
const CVSS_METHODS = new Map<string, string | null>([
  ['CVSSv2', null],
  ['CVSSv3', '3.0'],
  ['CVSSv31', '3.1'],
  ['CVSSv4', '4.0'],
]);

export interface RatingSummary {
  severity: Severity;
  /** The severity word of the highest rating, as written. */
  toolSeverity: string | null;
  cvss: Cvss[];
}

/**
 * Reads vulnerability.ratings[]: the highest severity any rating gives, and
 * every CVSS vector with the rating's source as scorer. When no rating gives a
 * known severity word, the severity comes from the vectors, then from the
 * highest score.
 */
export function readRatings(ratings: unknown, base: string, warnings: ParseWarning[]): RatingSummary {
  let highest: { severity: Severity; word: string } | null = null;
  let highestScore: number | null = null;
  const cvss: Cvss[] = [];

  for (const [index, rating] of arr(ratings).entries()) {
    const word = str(field(rating, 'severity'));
    const mapped = word === null ? undefined : CDX_SEVERITIES.get(word.toLowerCase());
    if (word !== null && mapped !== undefined && (highest === null || isHigher(mapped, highest.severity))) {
      highest = { severity: mapped, word };
    }
    const score = num(field(rating, 'score'));
    if (score !== null && (highestScore === null || score > highestScore)) {
      highestScore = score;
    }
    readVector(rating, pointer(base, index), cvss, warnings);
  }

  if (highest !== null && highest.severity !== 'unknown') {
    return { severity: highest.severity, toolSeverity: highest.word, cvss };
  }
  let derived: Severity = 'unknown';
  if (cvss.length > 0) {
    derived = severityFromVectors(cvss);
  } else if (highestScore !== null) {
    derived = severityFromCvssScore(highestScore);
  }
  return { severity: derived, toolSeverity: highest?.word ?? null, cvss };
}

function isHigher(candidate: Severity, current: Severity): boolean {
  return candidate !== current && maxSeverity(candidate, current) === candidate;
}

function readVector(rating: unknown, location: string, cvss: Cvss[], warnings: ParseWarning[]): void {
  const method = str(field(rating, 'method'));
  const vector = str(field(rating, 'vector'));
  if (method === null || vector === null || !CVSS_METHODS.has(method)) {
    return;
  }
  const source = str(field(field(rating, 'source'), 'name'));
  addCvssVector(cvss, withVersionPrefix(vector, CVSS_METHODS.get(method) ?? null), source, pointer(location, 'vector'), warnings);
}
