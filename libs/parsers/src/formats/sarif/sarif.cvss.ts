import type { Cvss } from '@sieve/contracts';
import { addCvssVector } from '../../cvss-vectors.js';
import { entries, field, isObject, num, str } from '../../json-access.js';
import type { ParseWarning } from '../../report-format.js';

// OWASP Dependency-Check writes CVSS metrics as separate properties instead of
// a vector string; each entry maps a property to its vector metric and values.
type MetricTable = Array<[metric: string, keys: string[], values: Record<string, string>]>;

function metricLetter(values: Record<string, string>, raw: string): string | undefined {
  const key = raw.toUpperCase();
  return Object.hasOwn(values, key) ? values[key] : undefined;
}

const V3_METRICS: MetricTable = [
  ['AV', ['cvssv3_attackVector'], { NETWORK: 'N', ADJACENT_NETWORK: 'A', ADJACENT: 'A', LOCAL: 'L', PHYSICAL: 'P' }],
  ['AC', ['cvssv3_attackComplexity'], { LOW: 'L', HIGH: 'H' }],
  ['PR', ['cvssv3_privilegesRequired'], { NONE: 'N', LOW: 'L', HIGH: 'H' }],
  ['UI', ['cvssv3_userInteraction'], { NONE: 'N', REQUIRED: 'R' }],
  ['S', ['cvssv3_scope'], { UNCHANGED: 'U', CHANGED: 'C' }],
  ['C', ['cvssv3_confidentialityImpact'], { NONE: 'N', LOW: 'L', HIGH: 'H' }],
  ['I', ['cvssv3_integrityImpact'], { NONE: 'N', LOW: 'L', HIGH: 'H' }],
  ['A', ['cvssv3_availabilityImpact'], { NONE: 'N', LOW: 'L', HIGH: 'H' }],
];

const V2_METRICS: MetricTable = [
  ['AV', ['cvssv2_accessVector'], { NETWORK: 'N', ADJACENT_NETWORK: 'A', LOCAL: 'L' }],
  ['AC', ['cvssv2_accessComplexity'], { LOW: 'L', MEDIUM: 'M', HIGH: 'H' }],
  // Dependency-Check 6 misspells this key as "cvssv2_authenticationr".
  ['Au', ['cvssv2_authentication', 'cvssv2_authenticationr'], { NONE: 'N', SINGLE: 'S', MULTIPLE: 'M' }],
  ['C', ['cvssv2_confidentialImpact', 'cvssv2_confidentialityImpact'], { NONE: 'N', PARTIAL: 'P', COMPLETE: 'C' }],
  ['I', ['cvssv2_integrityImpact'], { NONE: 'N', PARTIAL: 'P', COMPLETE: 'C' }],
  ['A', ['cvssv2_availabilityImpact'], { NONE: 'N', PARTIAL: 'P', COMPLETE: 'C' }],
];

/**
 * CVSS vectors from the result and rule property bags: properties named
 * `cvss<version>_vector` (Trivy writes `cvssv3_vector` and `cvssv2_vector`),
 * and vectors rebuilt from Dependency-Check's per-metric properties. An
 * invalid vector is skipped with a warning at `location`.
 */
export function readCvss(location: string, warnings: ParseWarning[], ...propertyBags: unknown[]): Cvss[] {
  const cvss: Cvss[] = [];
  for (const properties of propertyBags) {
    // Every vector property and every Dependency-Check metric starts with "cvss".
    // Most bags (those of code scanners) have none, so they skip the rebuild below.
    if (!hasCvssKey(properties)) {
      continue;
    }
    const source = str(field(properties, 'source'))?.toLowerCase() ?? null;
    const vectors = entries(properties)
      .filter(([key, value]) => /^cvss[^_]*_vector$/i.test(key) && typeof value === 'string')
      .map(([, value]) => String(value));
    const rebuilt = [rebuildVector(properties, 'v3'), rebuildVector(properties, 'v2')].filter((v): v is string => v !== null);
    for (const vector of [...vectors, ...rebuilt]) {
      addCvssVector(cvss, vector, source, location, warnings);
    }
  }
  return cvss;
}

function hasCvssKey(properties: unknown): boolean {
  if (!isObject(properties)) {
    return false;
  }
  // for...in with an own-key check visits the keys of Object.keys without building the array.
  for (const key in properties) {
    if (Object.hasOwn(properties, key) && startsWithCvss(key)) {
      return true;
    }
  }
  return false;
}

// Case-insensitive test for a "cvss" prefix. Only the capitals C, V and S lower-case to
// c, v and s, so comparing code units with the 0x20 bit set matches toLowerCase().
function startsWithCvss(key: string): boolean {
  return (
    key.length >= 4 &&
    (key.charCodeAt(0) | 0x20) === 0x63 &&
    (key.charCodeAt(1) | 0x20) === 0x76 &&
    (key.charCodeAt(2) | 0x20) === 0x73 &&
    (key.charCodeAt(3) | 0x20) === 0x73
  );
}

function rebuildVector(properties: unknown, version: 'v2' | 'v3'): string | null {
  const table = version === 'v3' ? V3_METRICS : V2_METRICS;
  const parts: string[] = [];
  for (const [metric, keys, values] of table) {
    const raw = keys.map((key) => str(field(properties, key))).find((value) => value !== null);
    const letter = raw === undefined || raw === null ? undefined : metricLetter(values, raw);
    if (letter === undefined) {
      return null;
    }
    parts.push(`${metric}:${letter}`);
  }
  if (version === 'v2') {
    return parts.join('/');
  }
  const prefix = num(field(properties, 'cvssv3_version')) === 3 ? 'CVSS:3.0' : 'CVSS:3.1';
  return `${prefix}/${parts.join('/')}`;
}
