import { parseCvss } from '@sieve/domain';
import type { SeededRandom } from '../dedup/seeded-random.js';
import { weightedPick } from './weighted-pick.js';

type Weighted = ReadonlyArray<readonly [string, number]>;

// Metric weights are an estimate of the mix in published CVSS 3.1 vectors of
// package vulnerabilities, not a measurement: mostly network, low complexity,
// no privileges.
const METRICS: ReadonlyArray<readonly [string, Weighted]> = [
  ['AV', [['N', 0.7], ['A', 0.08], ['L', 0.18], ['P', 0.04]]],
  ['AC', [['L', 0.85], ['H', 0.15]]],
  ['PR', [['N', 0.6], ['L', 0.3], ['H', 0.1]]],
  ['UI', [['N', 0.65], ['R', 0.35]]],
  ['S', [['U', 0.85], ['C', 0.15]]],
  ['C', [['H', 0.5], ['L', 0.25], ['N', 0.25]]],
  ['I', [['H', 0.45], ['L', 0.25], ['N', 0.3]]],
  ['A', [['H', 0.45], ['L', 0.15], ['N', 0.4]]],
];

/** Lowest base score generated, so every finding has some intrinsic severity. */
export const MIN_BASE_SCORE = 2.0;

/**
 * Draws a CVSS 3.1 vector and its base score, computed by the same calculator
 * the parsers use. Vectors scoring below MIN_BASE_SCORE are drawn again.
 */
export function randomCvss(random: SeededRandom): { vector: string; baseScore: number } {
  for (;;) {
    const parts = METRICS.map(([metric, values]) => `${metric}:${weightedPick(random, values)}`);
    const vector = `CVSS:3.1/${parts.join('/')}`;
    const cvss = parseCvss(vector);
    if (cvss !== null && cvss.baseScore >= MIN_BASE_SCORE) {
      return { vector, baseScore: cvss.baseScore };
    }
  }
}

/** Trivy's severity word for a CVSS 3.x base score. */
export function severityOf(baseScore: number): string {
  if (baseScore >= 9) return 'CRITICAL';
  if (baseScore >= 7) return 'HIGH';
  if (baseScore >= 4) return 'MEDIUM';
  return 'LOW';
}
