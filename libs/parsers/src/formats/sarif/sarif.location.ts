import { normalizeRepoPath } from '@sieve/domain';
import { arr, entries, field, int, isObject, str } from '../../json-access.js';

export interface ResultLocation {
  path: string | null;
  url: string | null;
  startLine: number | null;
  endLine: number | null;
  snippet: string | null;
}

/** The run data that relative URIs resolve against: `originalUriBaseIds` and the `artifacts` table. */
export interface UriContext {
  uriBaseIds: unknown;
  artifacts: unknown[];
}

const NO_LOCATION: ResultLocation = { path: null, url: null, startLine: null, endLine: null, snippet: null };

// A scheme has at least two characters, so a Windows drive letter ("C:") is not one.
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const MAX_BASE_DEPTH = 8;

/** Reads the first physical location of a result, with its URI made repository-relative. */
export function readResultLocation(result: unknown, context: UriContext): ResultLocation {
  const physical = field(arr(field(result, 'locations'))[0], 'physicalLocation');
  if (physical === undefined) {
    return NO_LOCATION;
  }

  const region = field(physical, 'region');
  const startLine = int(field(region, 'startLine'));
  // SARIF defines a missing endLine as equal to startLine.
  const endLine = startLine === null ? null : (int(field(region, 'endLine')) ?? startLine);
  const snippet =
    str(field(field(region, 'snippet'), 'text')) ?? str(field(field(field(physical, 'contextRegion'), 'snippet'), 'text'));

  const uri = artifactUri(field(physical, 'artifactLocation'), context);
  if (uri === null) {
    return { ...NO_LOCATION, startLine, endLine, snippet };
  }
  if (SCHEME.test(uri) && !/^file:/i.test(uri)) {
    return { path: null, url: uri, startLine, endLine, snippet };
  }
  const path = normalizeRepoPath(decodePercent(uri));
  return { path: path.length > 0 ? path : null, url: null, startLine, endLine, snippet };
}

// An artifactLocation may carry only an index into run.artifacts.
function artifactUri(artifactLocation: unknown, context: UriContext): string | null {
  let location = artifactLocation;
  let uri = str(field(location, 'uri'));
  if (uri === null) {
    const index = int(field(location, 'index'));
    location = index === null ? undefined : field(context.artifacts[index], 'location');
    uri = str(field(location, 'uri'));
  }
  if (uri === null) {
    return null;
  }
  return resolveAgainstBase(uri, str(field(location, 'uriBaseId')), context.uriBaseIds, 0);
}

/**
 * Resolves a relative URI through `originalUriBaseIds`. Relative bases are
 * prefixed; resolution stops at an absolute base (file:///home/ci/repo/),
 * because a URI relative to the checkout root is already repository-relative.
 * An absolute file URI under one of the run's absolute bases is cut to the
 * part below that base.
 */
function resolveAgainstBase(uri: string, baseId: string | null, bases: unknown, depth: number): string {
  if (SCHEME.test(uri)) {
    return stripAbsoluteBase(uri, bases);
  }
  if (baseId === null || depth >= MAX_BASE_DEPTH || !isObject(bases)) {
    return uri;
  }
  const base = field(bases, baseId);
  const baseUri = str(field(base, 'uri'));
  if (baseUri === null || SCHEME.test(baseUri)) {
    return uri;
  }
  const joined = baseUri.endsWith('/') ? `${baseUri}${uri}` : `${baseUri}/${uri}`;
  return resolveAgainstBase(joined, str(field(base, 'uriBaseId')), bases, depth + 1);
}

function stripAbsoluteBase(uri: string, bases: unknown): string {
  for (const [, base] of entries(bases)) {
    const baseUri = str(field(base, 'uri'));
    if (baseUri !== null && /^file:/i.test(baseUri) && baseUri.endsWith('/') && uri.startsWith(baseUri)) {
      return uri.slice(baseUri.length);
    }
  }
  return uri;
}

function decodePercent(uri: string): string {
  if (!uri.includes('%') || /^file:/i.test(uri)) {
    return uri;
  }
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}
