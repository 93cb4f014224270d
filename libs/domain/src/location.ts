import { createHash } from 'node:crypto';
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
  result = result.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  while (result.startsWith('./')) {
    result = result.slice(2);
  }
  return result.replace(/^\/+/, '');
}

/** SHA-256 of a snippet with runs of white space folded, so re-indentation keeps the hash. */
export function snippetHash(snippet: string | null | undefined): string | null {
  if (snippet === null || snippet === undefined) {
    return null;
  }
  const folded = snippet.replace(/\s+/g, ' ').trim();
  if (folded.length === 0) {
    return null;
  }
  return createHash('sha256').update(folded, 'utf8').digest('hex');
}

/** Image reference without tag or digest: tags carry build numbers, which must never enter an identity. */
export function imageName(reference: string): string {
  const withoutDigest = reference.split('@')[0] ?? reference;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const lastColon = withoutDigest.lastIndexOf(':');
  return lastColon > lastSlash ? withoutDigest.slice(0, lastColon) : withoutDigest;
}
