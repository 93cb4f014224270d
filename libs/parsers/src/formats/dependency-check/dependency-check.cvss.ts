import type { Cvss } from '@sieve/contracts';
import { addCvssVector, withVersionPrefix } from '../../cvss-vectors.js';
import type { ParseWarning } from '../../report-format.js';
import type { XmlElement } from '../../xml-document.js';

/**
 * Dependency-Check writes CVSS metrics as words (accessVector NETWORK) or,
 * from OSS Index, as letters (attackVector N). The first letter is the
 * vector value for every metric of v2 and v3, so each metric maps to its
 * vector key and the letters it may take.
 */
const V2_METRICS: Array<[string[], string, string]> = [
  [['accessVector'], 'AV', 'LAN'],
  [['accessComplexity'], 'AC', 'HML'],
  [['authenticationr', 'authentication'], 'Au', 'MSN'],
  [['confidentialImpact', 'confidentialityImpact'], 'C', 'NPC'],
  [['integrityImpact'], 'I', 'NPC'],
  [['availabilityImpact'], 'A', 'NPC'],
];

const V3_METRICS: Array<[string[], string, string]> = [
  [['attackVector'], 'AV', 'NALP'],
  [['attackComplexity'], 'AC', 'LH'],
  [['privilegesRequired'], 'PR', 'NLH'],
  [['userInteraction'], 'UI', 'NR'],
  [['scope'], 'S', 'UC'],
  [['confidentialityImpact'], 'C', 'HLN'],
  [['integrityImpact'], 'I', 'HLN'],
  [['availabilityImpact'], 'A', 'HLN'],
];

// Schema 1.x puts the v2 metrics directly on <vulnerability>, prefixed with "cvss".
const LEGACY_V2_METRICS: Array<[string[], string, string]> = V2_METRICS.map(([names, key, letters]) => [
  names.map((name) => `cvss${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`),
  key,
  letters,
]);

/**
 * Reads the vectors of one vulnerability: <cvssV4>/<cvssV3>/<cvssV2> with
 * a vectorString when given, else built from their metric elements, and the
 * flat v2 metrics of schema 1.x. A v3 block without <version> is read as 3.1.
 */
export function dependencyCheckCvss(vulnerability: XmlElement, source: string | null, warnings: ParseWarning[]): Cvss[] {
  const cvss: Cvss[] = [];
  const add = (vector: string | null, version: string | null, at: string) => {
    if (vector === null) {
      warnings.push({ message: 'CVSS metrics are incomplete or invalid, so no vector was read', location: at });
      return;
    }
    addCvssVector(cvss, withVersionPrefix(vector, version), source, at, warnings);
  };

  const v4 = vulnerability.child('cvssV4');
  if (v4 !== null) {
    add(v4.childText('vectorString'), '4.0', v4.path);
  }
  const v3 = vulnerability.child('cvssV3');
  if (v3 !== null) {
    // NOTE: OSS Index entries have no <version>, so 3.1 is assumed. It scores the same as 3.0 for nearly all vectors.
    add(v3.childText('vectorString') ?? metricVector(v3, V3_METRICS), v3.childText('version') ?? '3.1', v3.path);
  }
  const v2 = vulnerability.child('cvssV2');
  if (v2 !== null) {
    add(v2.childText('vectorString') ?? metricVector(v2, V2_METRICS), null, v2.path);
  }
  if (v2 === null && vulnerability.child('cvssAccessVector') !== null) {
    add(metricVector(vulnerability, LEGACY_V2_METRICS), null, vulnerability.path);
  }
  return cvss;
}

/** Builds "AV:N/AC:L/…" from metric elements, or returns null when a metric is missing or has an unknown value. */
function metricVector(element: XmlElement, metrics: Array<[string[], string, string]>): string | null {
  const parts: string[] = [];
  for (const [names, key, letters] of metrics) {
    const word = names.map((name) => element.childText(name)).find((value) => value !== null) ?? null;
    const letter = word?.[0]?.toUpperCase();
    if (letter === undefined || !letters.includes(letter)) {
      return null;
    }
    parts.push(`${key}:${letter}`);
  }
  return parts.join('/');
}
