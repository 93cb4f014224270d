import { field, isObject, str } from '../../json-access.js';

// Gitleaks 8 writes commit metadata into partialFingerprints. These keys name
// who committed and when, not the finding, so they never form an identity.
const METADATA_KEYS = new Set(['commitsha', 'commit', 'email', 'author', 'date', 'commitmessage']);

// Keys that entries() in json-access.ts skips as well.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// CodeQL's line hash identifies the result across edits elsewhere in the
// file; the column fingerprint beside it changes with indentation.
const PREFERRED_PARTIAL_KEY = /^primaryLocationLineHash(\/v\d+)?$/;

/**
 * Reads the producer's own identity for a result: `partialFingerprints` (only
 * the primary line hash when there is one), else `fingerprints`. The pairs are
 * written as "key=value" sorted by key, so that the text does not depend on
 * key order in the report. Returns null when the result has neither.
 */
export function readFingerprint(result: unknown): string | null {
  const partial = identityPairs(field(result, 'partialFingerprints'));
  const preferred = partial.filter(([key]) => PREFERRED_PARTIAL_KEY.test(key));

  let chosen: Array<[string, string]>;
  if (preferred.length > 0) {
    chosen = preferred;
  } else if (partial.length > 0) {
    chosen = partial;
  } else {
    chosen = identityPairs(field(result, 'fingerprints'));
  }
  if (chosen.length === 0) {
    return null;
  }
  return chosen.map(([key, value]) => `${key}=${value}`).join(';');
}

function identityPairs(bag: unknown): Array<[string, string]> {
  if (!isObject(bag)) {
    return [];
  }
  const pairs: Array<[string, string]> = [];
  for (const key of Object.keys(bag)) {
    const text = UNSAFE_KEYS.has(key) ? null : str(bag[key]);
    if (text !== null && !METADATA_KEYS.has(key.toLowerCase())) {
      pairs.push([key, text]);
    }
  }
  if (pairs.length > 1) {
    pairs.sort(byKey);
  }
  return pairs;
}

// Code-unit order, unlike localeCompare, is the same on every machine.
function byKey([a]: [string, string], [b]: [string, string]): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
