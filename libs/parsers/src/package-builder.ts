import type { Package } from '@sieve/contracts';
import { buildPurl, normalizePurl, parsePurl, type PurlParts } from '@sieve/domain';
import { boundedMemo } from './bounded-memo.js';

export interface PackageFields {
  /** Purl type, for example npm, pypi, deb. */
  type: string;
  /** The package name as the tool writes it, with any scope, group or import path. */
  name: string;
  version: string | null;
  /** Purl namespace; when absent it is split off the name for npm, Maven, Go and Composer. */
  namespace?: string | null;
  qualifiers?: Record<string, string> | null;
  fixedVersions?: string[];
}

/**
 * Builds a Package from the parts a report gives when it has no purl of its
 * own. Returns null when the parts do not form a valid purl.
 */
export function buildPackage(fields: PackageFields): Package | null {
  const type = fields.type.toLowerCase();
  const split = fields.namespace ? { namespace: fields.namespace, name: fields.name } : splitPackageName(type, fields.name);
  const purl = buildPurl({ type, namespace: split.namespace, name: split.name, version: fields.version, qualifiers: fields.qualifiers ?? null });
  if (purl === null) {
    return null;
  }
  return { purl, ecosystem: type, name: fields.name, version: fields.version, fixedVersions: fields.fixedVersions ?? [] };
}

/**
 * Reads a Package from a purl the report gives. The tool's own name and
 * version win over the purl's parts when given, because purls lower-case PyPI
 * names and split scopes off npm names. Returns null for an invalid purl.
 */
export function packageFromPurl(
  purl: string,
  fields: { name?: string | null; version?: string | null; fixedVersions?: string[] } = {},
): Package | null {
  const read = readPurl(purl);
  if (read === null) {
    return null;
  }
  const { normalized, parts } = read;
  const joinedName = parts.namespace ? `${parts.namespace}${nameSeparator(parts.type)}${parts.name}` : parts.name;
  return {
    purl: normalized,
    ecosystem: parts.type,
    name: fields.name ?? joinedName,
    version: fields.version ?? parts.version ?? null,
    fixedVersions: fields.fixedVersions ?? [],
  };
}

// A package with several vulnerabilities repeats its purl in every record.
const readPurl = boundedMemo((purl): { normalized: string; parts: PurlParts } | null => {
  const normalized = normalizePurl(purl);
  const parts = normalized === null ? null : parsePurl(normalized);
  return normalized === null || parts === null ? null : { normalized, parts };
}, 10_000);

/** Splits a tool's package name into purl namespace and name for the ecosystems that have one. */
export function splitPackageName(type: string, fullName: string): { namespace: string | null; name: string } {
  if (type === 'npm' && fullName.startsWith('@') && fullName.includes('/')) {
    return splitAtLast(fullName, '/');
  }
  if (type === 'maven' && fullName.includes(':')) {
    return splitAtLast(fullName, ':');
  }
  if ((type === 'golang' || type === 'composer') && fullName.includes('/')) {
    return splitAtLast(fullName, '/');
  }
  return { namespace: null, name: fullName };
}

function splitAtLast(fullName: string, separator: string): { namespace: string | null; name: string } {
  const at = fullName.lastIndexOf(separator);
  return { namespace: fullName.slice(0, at) || null, name: fullName.slice(at + 1) };
}

function nameSeparator(type: string): string {
  return type === 'maven' ? ':' : '/';
}

/** Splits a list of fixed versions written as "1.2.3, 2.0.1" and drops empty entries and duplicates. */
export function splitVersionList(value: string | null): string[] {
  if (value === null) {
    return [];
  }
  const versions = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  return [...new Set(versions)];
}
