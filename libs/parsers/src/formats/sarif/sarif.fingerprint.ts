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
  const partial = field(result, 'partialFingerprints');
  return preferredPair(partial) ?? identityPairs(partial) ?? identityPairs(field(result, 'fingerprints'));
}

// Returns the primary line hash pairs of a partialFingerprints bag, or null
// when it has none. Those keys are neither commit metadata nor unsafe.
function preferredPair(bag: unknown): string | null {
  if (!isObject(bag)) {
    return null;
  }
  let joined: string | null = null;
  let count = 0;
  for (const key in bag) {
    if (!Object.hasOwn(bag, key) || !PREFERRED_PARTIAL_KEY.test(key)) {
      continue;
    }
    const text = str(bag[key]);
    if (text !== null) {
      joined = `${key}=${text}`;
      count++;
    }
  }
  // CodeQL writes one primary line hash. A bag with several versions of it is sorted like any other.
  return count > 1 ? identityPairs(bag, PREFERRED_PARTIAL_KEY) : joined;
}

// Returns the "key=value" pairs of a fingerprint bag sorted by key and
// joined with ";", or null when it has none. With `only`, other keys are left out.
function identityPairs(bag: unknown, only: RegExp | null = null): string | null {
  if (!isObject(bag)) {
    return null;
  }
  const pairs: Array<[string, string]> = [];
  for (const key of Object.keys(bag)) {
    if (only !== null && !only.test(key)) {
      continue;
    }
    const text = UNSAFE_KEYS.has(key) ? null : str(bag[key]);
    if (text !== null && !METADATA_KEYS.has(key.toLowerCase())) {
      pairs.push([key, text]);
    }
  }
  if (pairs.length === 0) {
    return null;
  }
  return pairs
    .sort(byKey)
    .map(([key, text]) => `${key}=${text}`)
    .join(';');
}

// Code-unit order, unlike localeCompare, is the same on every machine.
function byKey([a]: [string, string], [b]: [string, string]): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
