import type { Package } from '@sieve/contracts';
import { field, str } from '../../json-access.js';
import { buildPackage, splitVersionList } from '../../package-builder.js';

// Inspector's PackageManager values for language packages, to purl types.
const PURL_TYPES = new Map<string, string>([
  ['GOMOD', 'golang'],
  ['GOBINARY', 'golang'],
  ['NPM', 'npm'],
  ['NODEPKG', 'npm'],
  ['YARN', 'npm'],
  ['PIP', 'pypi'],
  ['PIPENV', 'pypi'],
  ['POETRY', 'pypi'],
  ['PYTHONPKG', 'pypi'],
  ['BUNDLER', 'gem'],
  ['GEMSPEC', 'gem'],
  ['JAR', 'maven'],
  ['POM', 'maven'],
  ['GRADLE', 'maven'],
  ['NUGET', 'nuget'],
  ['DOTNET_CORE', 'nuget'],
  ['CARGO', 'cargo'],
  ['COMPOSER', 'composer'],
  ['CONAN', 'conan'],
  ['COCOAPODS', 'cocoapods'],
  ['SWIFT', 'swift'],
]);

// Inspector platforms (DEBIAN_11, ALPINE_LINUX_3_18, AMAZON_LINUX_2, …): the
// prefix names the distribution, the rest is its version with '_' for '.'.
const PLATFORMS: Array<{ prefix: string; type: string; namespace: string }> = [
  { prefix: 'DEBIAN_', type: 'deb', namespace: 'debian' },
  { prefix: 'UBUNTU_', type: 'deb', namespace: 'ubuntu' },
  { prefix: 'ALPINE_LINUX_', type: 'apk', namespace: 'alpine' },
  { prefix: 'AMAZON_LINUX_', type: 'rpm', namespace: 'amazon' },
  { prefix: 'CENTOS_', type: 'rpm', namespace: 'centos' },
  { prefix: 'RHEL_', type: 'rpm', namespace: 'redhat' },
  { prefix: 'ORACLE_LINUX_', type: 'rpm', namespace: 'oracle' },
  { prefix: 'ROCKY_LINUX_', type: 'rpm', namespace: 'rocky' },
  { prefix: 'ALMA_LINUX_', type: 'rpm', namespace: 'alma' },
  { prefix: 'FEDORA_', type: 'rpm', namespace: 'fedora' },
];

// Inspector writes this in FixedInVersion when no fix exists.
const NO_FIX = 'NotAvailable';

/**
 * Builds the package of one VulnerablePackages entry. OS packages get the
 * distribution from the platform Inspector names, with the distro qualifier
 * written as Trivy writes it ("debian-11", "3.18" for Alpine), and the
 * version as the package manager prints it: epoch (when not 0), version and
 * release. Returns null when the name is missing or the parts form no purl.
 */
export function readVulnerablePackage(entry: unknown, platform: string | null): Package | null {
  const name = str(field(entry, 'Name'));
  if (name === null) {
    return null;
  }
  const manager = str(field(entry, 'PackageManager'))?.toUpperCase() ?? null;
  const fixed = str(field(entry, 'FixedInVersion'));
  const fixedVersions = fixed === null || fixed === NO_FIX ? [] : splitVersionList(fixed).map((version) => version.replace(/^0:/, ''));

  if (manager === 'OS') {
    return buildOsPackage(entry, name, platform, fixedVersions);
  }
  const type = (manager === null ? undefined : PURL_TYPES.get(manager)) ?? 'generic';
  return buildPackage({ type, name, version: str(field(entry, 'Version')), fixedVersions });
}

function buildOsPackage(entry: unknown, name: string, platform: string | null, fixedVersions: string[]): Package | null {
  const distribution = platform === null ? undefined : PLATFORMS.find((candidate) => platform.toUpperCase().startsWith(candidate.prefix));
  const version = osVersion(entry);
  if (distribution === undefined || platform === null) {
    return buildPackage({ type: 'generic', name, version, fixedVersions });
  }
  const release = platform.slice(distribution.prefix.length).replace(/_/g, '.');
  const distro = distribution.type === 'apk' ? release : `${distribution.namespace}-${release}`;
  return buildPackage({
    type: distribution.type,
    namespace: distribution.namespace,
    name,
    version,
    qualifiers: release.length > 0 ? { distro } : null,
    fixedVersions,
  });
}

function osVersion(entry: unknown): string | null {
  const version = str(field(entry, 'Version'));
  if (version === null) {
    return null;
  }
  const epoch = str(field(entry, 'Epoch'));
  const release = str(field(entry, 'Release'));
  return `${epoch !== null && epoch !== '0' ? `${epoch}:` : ''}${version}${release === null ? '' : `-${release}`}`;
}
