import type { Cvss, Severity } from '@sieve/contracts';
import { parseCvss, preferredCvss, severityFromCvssScore } from '@sieve/domain';
import { boundedMemo } from './bounded-memo.js';
import type { ParseWarning } from './report-format.js';

// CVSS v3 has 2,592 distinct base vectors and v2 has 729, so this bound is rarely reached.
const parseVector = boundedMemo((vector) => parseCvss(vector), 10_000);

/**
 * Parses a CVSS vector and appends it to `target` unless the same vector from
 * the same source is already there. An invalid vector is skipped with a
 * warning at `location`, so a bad vector never drops the finding.
 */
export function addCvssVector(target: Cvss[], vector: string, source: string | null, location: string, warnings: ParseWarning[]): void {
  const parsed = parseVector(vector);
  if (parsed === null) {
    warnings.push({ message: `invalid CVSS vector "${vector.slice(0, 200)}" skipped`, location });
    return;
  }
  // A fresh object per finding, so no two findings share one mutable Cvss.
  const cvss: Cvss = { version: parsed.version, vector: parsed.vector, baseScore: parsed.baseScore, source };
  if (!target.some((known) => known.vector === cvss.vector && known.source === cvss.source)) {
    target.push(cvss);
  }
}

/**
 * Adds the "CVSS:3.1/" style prefix to a v3 or v4 vector written without it,
 * using the version the report states next to the vector. Without the prefix
 * a v3.1 vector would be read as v3.0.
 */
export function withVersionPrefix(vector: string, version: string | null): string {
  const trimmed = vector.trim();
  if (version === null || trimmed.toUpperCase().startsWith('CVSS:')) {
    return trimmed;
  }
  if (version === '3.0' || version === '3.1' || version === '4.0') {
    return `CVSS:${version}/${trimmed}`;
  }
  return trimmed;
}

/** Severity from the base score of the preferred vector, for reports that give vectors but no severity word. */
export function severityFromVectors(cvss: readonly Cvss[]): Severity {
  const best = preferredCvss(cvss);
  return best === null ? 'unknown' : severityFromCvssScore(best.baseScore);
}
