import type { Package } from '@sieve/contracts';
import { buildPackage, packageFromPurl } from '../../package-builder.js';

// OSV ecosystem names (https://ossf.github.io/osv-schema/#affectedpackage-field)
// to purl types. OS ecosystems also give the purl namespace.
const ECOSYSTEM_PURL_TYPES = new Map<string, { type: string; namespace?: string }>([
  ['npm', { type: 'npm' }],
  ['pypi', { type: 'pypi' }],
  ['go', { type: 'golang' }],
  ['maven', { type: 'maven' }],
  ['crates.io', { type: 'cargo' }],
  ['rubygems', { type: 'gem' }],
  ['nuget', { type: 'nuget' }],
  ['packagist', { type: 'composer' }],
  ['pub', { type: 'pub' }],
  ['hex', { type: 'hex' }],
  ['swifturl', { type: 'swift' }],
  ['conancenter', { type: 'conan' }],
  ['cran', { type: 'cran' }],
  ['hackage', { type: 'hackage' }],
  ['github actions', { type: 'githubactions' }],
  ['debian', { type: 'deb', namespace: 'debian' }],
  ['ubuntu', { type: 'deb', namespace: 'ubuntu' }],
  ['alpine', { type: 'apk', namespace: 'alpine' }],
  ['rocky linux', { type: 'rpm', namespace: 'rocky' }],
  ['almalinux', { type: 'rpm', namespace: 'almalinux' }],
  ['red hat', { type: 'rpm', namespace: 'redhat' }],
]);

/** Returns the purl type of an OSV ecosystem such as "PyPI" or "Debian:11", or null when Sieve does not map it. */
export function purlTypeOf(ecosystem: string): string | null {
  const base = ecosystem.split(':', 1)[0]?.trim().toLowerCase() ?? '';
  return ECOSYSTEM_PURL_TYPES.get(base)?.type ?? null;
}

/**
 * Builds the package osv-scanner reports: the purl it gives, else one built
 * from ecosystem, name and version. An ecosystem with a release ("Debian:11")
 * adds the distro qualifier. An unmapped ecosystem gives a generic purl.
 */
export function osvPackage(ecosystem: string, name: string, version: string | null, fixedVersions: string[], purl: string | null): Package | null {
  if (purl !== null) {
    const fromPurl = packageFromPurl(purl, { name, version, fixedVersions });
    if (fromPurl !== null) {
      return fromPurl;
    }
  }
  const [base = '', release = ''] = ecosystem.split(':', 2).map((part) => part.trim());
  const mapped = ECOSYSTEM_PURL_TYPES.get(base.toLowerCase());
  if (mapped === undefined) {
    return buildPackage({ type: 'generic', name, version, fixedVersions });
  }
  const namespace = mapped.namespace ?? null;
  const qualifiers = namespace !== null && release !== '' ? { distro: mapped.type === 'apk' ? release : `${namespace}-${release}` } : null;
  return buildPackage({ type: mapped.type, namespace, name, version, qualifiers, fixedVersions });
}
