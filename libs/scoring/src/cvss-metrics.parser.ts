import type { Cvss } from '@sieve/contracts';

export type MetricLevel = 'none' | 'low' | 'high';

/** The CVSS base metrics that SSVC decisions are derived from, in words common to CVSS 2.0, 3.x and 4.0. */
export interface CvssImpactMetrics {
  attackVector: 'network' | 'adjacent' | 'local' | 'physical' | null;
  privilegesRequired: MetricLevel | null;
  /** Confidentiality impact; in CVSS 4.0 the impact on the vulnerable system (VC). */
  confidentiality: MetricLevel | null;
  /** Integrity impact; in CVSS 4.0 the impact on the vulnerable system (VI). */
  integrity: MetricLevel | null;
}

const ATTACK_VECTORS: Record<string, CvssImpactMetrics['attackVector']> = { N: 'network', A: 'adjacent', L: 'local', P: 'physical' };
const LEVELS: Record<string, MetricLevel> = { N: 'none', L: 'low', H: 'high' };
// CVSS 2.0 writes impact as None, Partial or Complete, and privileges as the number of authentications.
const V2_IMPACT: Record<string, MetricLevel> = { N: 'none', P: 'low', C: 'high' };
const V2_AUTHENTICATION: Record<string, MetricLevel> = { N: 'none', S: 'low', M: 'high' };

/** Reads the attack vector, privileges and impact metrics of a vector; a metric the vector lacks is null. */
export function cvssImpactMetricsOf(cvss: Cvss): CvssImpactMetrics {
  const metrics = new Map<string, string>();
  for (const part of cvss.vector.split('/')) {
    const [key, value] = part.split(':');
    if (key !== undefined && value !== undefined) metrics.set(key, value);
  }
  const read = <T>(key: string, table: Record<string, T>): T | null => table[metrics.get(key) ?? ''] ?? null;

  if (cvss.version === '2.0') {
    return {
      attackVector: read('AV', ATTACK_VECTORS),
      privilegesRequired: read('Au', V2_AUTHENTICATION),
      confidentiality: read('C', V2_IMPACT),
      integrity: read('I', V2_IMPACT),
    };
  }

  const v4 = cvss.version === '4.0';
  return {
    attackVector: read('AV', ATTACK_VECTORS),
    privilegesRequired: read('PR', LEVELS),
    confidentiality: read(v4 ? 'VC' : 'C', LEVELS),
    integrity: read(v4 ? 'VI' : 'I', LEVELS),
  };
}
