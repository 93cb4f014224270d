import { PackageURL } from 'packageurl-js';

export interface PurlParts {
  type: string;
  namespace?: string | null;
  name: string;
  version?: string | null;
  qualifiers?: Record<string, string> | null;
  subpath?: string | null;
}

/**
 * Builds a package URL from its parts, with the normalisation packageurl-js
 * applies per type (PyPI names lower-cased with '_' as '-', npm scopes
 * encoded). Returns null when the parts do not form a valid purl.
 */
export function buildPurl(parts: PurlParts): string | null {
  try {
    const qualifiers = parts.qualifiers && Object.keys(parts.qualifiers).length > 0 ? parts.qualifiers : undefined;
    return new PackageURL(
      parts.type.toLowerCase(),
      parts.namespace || undefined,
      parts.name,
      parts.version || undefined,
      qualifiers,
      parts.subpath || undefined,
    ).toString();
  } catch {
    return null;
  }
}

/** Parses and re-serialises a purl so that equal packages compare equal; null when it is not a purl. */
export function normalizePurl(purl: string): string | null {
  try {
    return PackageURL.fromString(purl.trim()).toString();
  } catch {
    return null;
  }
}

/** Splits a purl into its parts, or returns null. */
export function parsePurl(purl: string): PurlParts | null {
  try {
    const parsed = PackageURL.fromString(purl.trim());
    return {
      type: parsed.type,
      namespace: parsed.namespace ?? null,
      name: parsed.name,
      version: parsed.version ?? null,
      qualifiers: (parsed.qualifiers as Record<string, string> | undefined) ?? null,
      subpath: parsed.subpath ?? null,
    };
  } catch {
    return null;
  }
}

/**
 * The package a purl names, without version, qualifiers or subpath: the part
 * that says "which package" for deduplication. Qualifiers such as distro,
 * arch or file_path differ between tools for the same installed package.
 */
export function packageIdentity(purl: string): string | null {
  const parts = parsePurl(purl);
  if (parts === null) {
    return null;
  }
  // pip treats "zope.interface", "zope_interface" and "Zope-Interface" as one
  // package (PEP 503), and tools write each form; the purl rule folds only "_".
  const name = parts.type === 'pypi' ? parts.name.toLowerCase().replace(/[-_.]+/g, '-') : parts.name;
  return buildPurl({ type: parts.type, namespace: parts.namespace ?? null, name });
}

/**
 * A version as compared for deduplication. Debian and RPM epochs ("1:") are
 * dropped because tools disagree on printing them (Trivy's legacy output omits
 * the epoch that Grype keeps) while the package is the same; the revision is
 * kept, so 241-7~deb10u4 and 241-7~deb10u6 stay different.
 */
export function versionForIdentity(ecosystem: string, version: string): string {
  const trimmed = version.trim();
  if (ecosystem === 'deb' || ecosystem === 'rpm') {
    return trimmed.replace(/^\d+:/, '');
  }
  if (ecosystem === 'golang') {
    return trimmed.replace(/^v/, '');
  }
  return trimmed;
}
