import { hash } from 'node:crypto';
import type { Location } from '@sieve/contracts';

export type { Location };

/** A location with every field unset; parsers fill in what their format gives. */
export function emptyLocation(): Location {
  return {
    path: null,
    startLine: null,
    endLine: null,
    snippetHash: null,
    url: null,
    method: null,
    parameter: null,
    resourceType: null,
    resourceName: null,
    image: null,
    imageDigest: null,
    layer: null,
  };
}

/**
 * Writes a path from a report as a repository-relative path: forward slashes,
 * no file:// scheme, no leading "./" or "/". Reports mix Windows and POSIX
 * separators (Bandit writes "dojo/cred\views.py"), and tools disagree on
 * absolute versus relative paths for the same file.
 */
export function normalizeRepoPath(path: string): string {
  let result = path.trim();
  if (/^file:\/\//i.test(result)) {
    result = decodeURIComponent(result.replace(/^file:\/\/[^/]*/i, ''));
  }
  // Most paths are already clean, and a replace that matches nothing still costs a regex run.
  if (result.includes('\\')) {
    result = result.replace(/\\/g, '/');
  }
  if (result.includes('//')) {
    result = result.replace(/\/{2,}/g, '/');
  }
  while (result.startsWith('./')) {
    result = result.slice(2);
  }
  return result.startsWith('/') ? result.replace(/^\/+/, '') : result;
}

// White space that folding changes: a run of two or more, or one character other than a space.
const UNFOLDED_WHITESPACE = /[^\S ]|\s{2}/;

/** SHA-256 of a snippet with runs of white space folded, so re-indentation keeps the hash. */
export function snippetHash(snippet: string | null | undefined): string | null {
  if (snippet === null || snippet === undefined) {
    return null;
  }
  // Most snippets are one line with single spaces, which the replace would copy unchanged.
  const folded = (UNFOLDED_WHITESPACE.test(snippet) ? snippet.replace(/\s+/g, ' ') : snippet).trim();
  if (folded.length === 0) {
    return null;
  }
  // The one-shot hash gives the same digest as createHash().update().digest() without a Hash object per call.
  return hash('sha256', folded, 'hex');
}

/** Image reference without tag or digest: tags carry build numbers, which must never enter an identity. */
export function imageName(reference: string): string {
  const withoutDigest = reference.split('@')[0] ?? reference;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const lastColon = withoutDigest.lastIndexOf(':');
  return lastColon > lastSlash ? withoutDigest.slice(0, lastColon) : withoutDigest;
}
