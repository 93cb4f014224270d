import type { Package } from '@sieve/contracts';
import { buildPackage } from '../../package-builder.js';
import type { TrivyTarget } from './trivy.context.js';

const OS_PURL_TYPES = new Map<string, string>([
  ['debian', 'deb'],
  ['ubuntu', 'deb'],
  ['alpine', 'apk'],
  ['wolfi', 'apk'],
  ['chainguard', 'apk'],
  ['redhat', 'rpm'],
  ['centos', 'rpm'],
  ['rocky', 'rpm'],
  ['alma', 'rpm'],
  ['amazon', 'rpm'],
  ['oracle', 'rpm'],
  ['fedora', 'rpm'],
  ['photon', 'rpm'],
  ['opensuse', 'rpm'],
  ['opensuse.leap', 'rpm'],
  ['opensuse.tumbleweed', 'rpm'],
  ['sles', 'rpm'],
  ['cbl-mariner', 'rpm'],
  ['azurelinux', 'rpm'],
]);

// Trivy's result Type (the lock file or package manager it read) to the purl type.
const LANGUAGE_PURL_TYPES = new Map<string, string>([
  ['npm', 'npm'],
  ['yarn', 'npm'],
  ['pnpm', 'npm'],
  ['bun', 'npm'],
  ['node-pkg', 'npm'],
  ['pip', 'pypi'],
  ['pipenv', 'pypi'],
  ['poetry', 'pypi'],
  ['uv', 'pypi'],
  ['python-pkg', 'pypi'],
  ['bundler', 'gem'],
  ['gemspec', 'gem'],
  ['cargo', 'cargo'],
  ['rust-binary', 'cargo'],
  ['composer', 'composer'],
  ['composer-vendor', 'composer'],
  ['jar', 'maven'],
  ['pom', 'maven'],
  ['gradle', 'maven'],
  ['sbt', 'maven'],
  ['gomod', 'golang'],
  ['gobinary', 'golang'],
  ['nuget', 'nuget'],
  ['dotnet-core', 'nuget'],
  ['packages-props', 'nuget'],
  ['conan', 'conan'],
  ['cocoapods', 'cocoapods'],
  ['swift', 'swift'],
  ['pub', 'pub'],
  ['hex', 'hex'],
  ['mix-lock', 'hex'],
  ['conda-pkg', 'conda'],
  ['conda-environment', 'conda'],
  ['julia', 'julia'],
]);

/** True when a result Type names an OS family, so its packages come from the OS package database. */
export function isOsFamily(type: string | null): boolean {
  return type !== null && OS_PURL_TYPES.has(type.toLowerCase());
}

/**
 * Builds the package of a vulnerability that has no PkgIdentifier.PURL (older
 * Trivy versions and the legacy array). OS packages get the distro qualifier
 * the way Trivy's own purls have it: "debian-10.8" for deb, the bare version
 * ("3.10.2") for apk. Rpm follows the deb form. A Type that Sieve does not map
 * becomes a generic purl.
 */
export function buildTrivyPackage(target: TrivyTarget, name: string, version: string | null, fixedVersions: string[]): Package | null {
  if (target.resultClass === 'os-pkgs') {
    const family = (target.os?.family ?? target.type ?? 'unknown').toLowerCase();
    return buildOsPackage(family, target.os?.version ?? null, name, version, fixedVersions);
  }
  const type = target.type?.toLowerCase() ?? '';
  return buildPackage({ type: LANGUAGE_PURL_TYPES.get(type) ?? 'generic', name, version, fixedVersions });
}

function buildOsPackage(family: string, osVersion: string | null, name: string, version: string | null, fixedVersions: string[]): Package | null {
  const purlType = OS_PURL_TYPES.get(family) ?? 'generic';
  const qualifiers: Record<string, string> = {};
  if (osVersion !== null) {
    qualifiers['distro'] = purlType === 'apk' ? osVersion : `${family}-${osVersion}`;
  }
  return buildPackage({ type: purlType, namespace: family, name, version, qualifiers, fixedVersions });
}
