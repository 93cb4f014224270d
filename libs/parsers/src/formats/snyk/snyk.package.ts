import type { Package } from '@sieve/contracts';
import { buildPackage } from '../../package-builder.js';

// Snyk package managers to purl types.
const LANGUAGE_PURL_TYPES = new Map<string, string>([
  ['npm', 'npm'],
  ['yarn', 'npm'],
  ['pnpm', 'npm'],
  ['maven', 'maven'],
  ['gradle', 'maven'],
  ['sbt', 'maven'],
  ['pip', 'pypi'],
  ['pipenv', 'pypi'],
  ['poetry', 'pypi'],
  ['rubygems', 'gem'],
  ['nuget', 'nuget'],
  ['paket', 'nuget'],
  ['golang', 'golang'],
  ['golangdep', 'golang'],
  ['gomodules', 'golang'],
  ['govendor', 'golang'],
  ['composer', 'composer'],
  ['cocoapods', 'cocoapods'],
  ['hex', 'hex'],
  ['swift', 'swift'],
  ['cargo', 'cargo'],
  ['conan', 'conan'],
  ['pub', 'pub'],
]);

// Distribution names in Snyk's OS package managers ("debian:11", "sles:15.3")
// to the purl type and namespace.
const OS_DISTRIBUTIONS = new Map<string, { type: string; namespace: string }>([
  ['debian', { type: 'deb', namespace: 'debian' }],
  ['ubuntu', { type: 'deb', namespace: 'ubuntu' }],
  ['alpine', { type: 'apk', namespace: 'alpine' }],
  ['wolfi', { type: 'apk', namespace: 'wolfi' }],
  ['chainguard', { type: 'apk', namespace: 'chainguard' }],
  ['rhel', { type: 'rpm', namespace: 'redhat' }],
  ['centos', { type: 'rpm', namespace: 'centos' }],
  ['rocky', { type: 'rpm', namespace: 'rocky' }],
  ['alma', { type: 'rpm', namespace: 'almalinux' }],
  ['amzn', { type: 'rpm', namespace: 'amazon' }],
  ['oracle', { type: 'rpm', namespace: 'oracle' }],
  ['sles', { type: 'rpm', namespace: 'sles' }],
  ['opensuse', { type: 'rpm', namespace: 'opensuse' }],
  ['fedora', { type: 'rpm', namespace: 'fedora' }],
]);

/**
 * Builds the package of a Snyk vulnerability from its packageManager, name
 * and version, because Snyk's JSON carries no purl. OS packages, whose
 * package manager is "<distribution>:<release>", get the distro qualifier
 * ("debian-11"; the bare release for apk, as Trivy writes it). Snyk names an
 * OS package "<source>/<binary>" ("gcc-10/libgcc-s1"); the binary package is
 * the one installed, so it names the purl.
 */
export function snykPackage(packageManager: string | null, name: string, version: string | null, fixedVersions: string[]): Package | null {
  const manager = (packageManager ?? '').toLowerCase();
  const [distribution = '', release = ''] = manager.split(':', 2);
  const os = OS_DISTRIBUTIONS.get(distribution);
  if (os !== undefined) {
    const binary = name.slice(name.lastIndexOf('/') + 1);
    const qualifiers = release === '' ? null : { distro: os.type === 'apk' ? release : `${distribution}-${release}` };
    return buildPackage({ type: os.type, namespace: os.namespace, name: binary, version, qualifiers, fixedVersions });
  }
  return buildPackage({ type: LANGUAGE_PURL_TYPES.get(manager) ?? 'generic', name, version, fixedVersions });
}

/** True when the package manager is an OS distribution, so the project is an image's OS layer. */
export function isOsPackageManager(packageManager: string | null): boolean {
  const distribution = (packageManager ?? '').toLowerCase().split(':', 1)[0] ?? '';
  return OS_DISTRIBUTIONS.has(distribution) || distribution === 'deb' || distribution === 'rpm' || distribution === 'apk';
}
