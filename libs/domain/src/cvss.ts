import cvssCalculator from 'ae-cvss-calculator';
import type { Cvss } from '@sieve/contracts';

export type { Cvss };

interface CalculatedVector {
  getVectorName(): string;
  calculateScores(): { base?: number };
}

const { fromVector } = cvssCalculator as unknown as { fromVector(vector: string): CalculatedVector | undefined };

const VERSION_BY_NAME: Record<string, string> = {
  'CVSS:2.0': '2.0',
  'CVSS:3.0': '3.0',
  'CVSS:3.1': '3.1',
  'CVSS:4.0': '4.0',
};

// Newer CVSS versions describe exploitability better, so they win when a tool
// gives several vectors for one vulnerability.
const VERSION_PREFERENCE = ['4.0', '3.1', '3.0', '2.0'];

/**
 * Parses a CVSS v2, v3.0, v3.1 or v4.0 vector and computes its base score.
 * Returns null for a vector that is malformed or incomplete; the caller keeps
 * the tool's own score, if any, as a warning rather than inventing one.
 */
export function parseCvss(vector: string, source: string | null = null): Cvss | null {
  const trimmed = vector.trim().replace(/^\((.*)\)$/, '$1');
  if (trimmed.length === 0 || trimmed.length > 200) {
    return null;
  }
  let parsed: CalculatedVector | undefined;
  try {
    parsed = fromVector(trimmed);
  } catch {
    return null;
  }
  if (!parsed) {
    return null;
  }
  const version = VERSION_BY_NAME[parsed.getVectorName()];
  const baseScore = parsed.calculateScores().base;
  if (version === undefined || typeof baseScore !== 'number' || Number.isNaN(baseScore)) {
    return null;
  }
  const normalizedVector = version === '2.0' ? trimmed.replace(/^CVSS:2\.0\//, '') : trimmed;
  return { version, vector: normalizedVector, baseScore, source };
}

/** Picks the vector that best describes a finding: the newest version, then the highest score. */
export function preferredCvss(vectors: readonly Cvss[]): Cvss | null {
  let best: Cvss | null = null;
  for (const candidate of vectors) {
    if (best === null) {
      best = candidate;
      continue;
    }
    const byVersion = VERSION_PREFERENCE.indexOf(candidate.version) - VERSION_PREFERENCE.indexOf(best.version);
    if (byVersion < 0 || (byVersion === 0 && candidate.baseScore > best.baseScore)) {
      best = candidate;
    }
  }
  return best;
}
