import type { Package } from '@sieve/contracts';
import { buildPackage } from '../../package-builder.js';

// Operating system names as the report writes them ("debian 10.9",
// "alpine 3.10.2") to the purl type and namespace of their packages.
const OS_PURL_TYPES = new Map<string, { type: string; namespace: string }>([
  ['debian', { type: 'deb', namespace: 'debian' }],
  ['ubuntu', { type: 'deb', namespace: 'ubuntu' }],
  ['alpine', { type: 'apk', namespace: 'alpine' }],
  ['wolfi', { type: 'apk', namespace: 'wolfi' }],
  ['redhat', { type: 'rpm', namespace: 'redhat' }],
  ['rhel', { type: 'rpm', namespace: 'redhat' }],
  ['centos', { type: 'rpm', namespace: 'centos' }],
  ['rocky', { type: 'rpm', namespace: 'rocky' }],
  ['alma', { type: 'rpm', namespace: 'almalinux' }],
  ['amazon', { type: 'rpm', namespace: 'amazon' }],
  ['oracle', { type: 'rpm', namespace: 'oracle' }],
  ['fedora', { type: 'rpm', namespace: 'fedora' }],
  ['photon', { type: 'rpm', namespace: 'photon' }],
  ['sles', { type: 'rpm', namespace: 'sles' }],
  ['opensuse', { type: 'rpm', namespace: 'opensuse' }],
  ['opensuse.leap', { type: 'rpm', namespace: 'opensuse' }],
  ['cbl-mariner', { type: 'rpm', namespace: 'cbl-mariner' }],
]);

/**
 * Builds the package of a container scanning vulnerability. The report gives
 * no package type, only location.operating_system, so packages of a known
 * distribution become OS packages. The distro qualifier is written the way
 * Trivy, the engine behind GitLab's analyzer, writes it: "debian-10.9", or
 * the bare release for apk. Without a known distribution the purl is generic.
 */
export function containerPackage(operatingSystem: string | null, name: string, version: string | null, fixedVersions: string[]): Package | null {
  const [family = '', release = ''] = (operatingSystem ?? '').trim().toLowerCase().split(/\s+/, 2);
  const os = OS_PURL_TYPES.get(family);
  if (os === undefined) {
    return buildPackage({ type: 'generic', name, version, fixedVersions });
  }
  const qualifiers = release === '' ? null : { distro: os.type === 'apk' ? release : `${family}-${release}` };
  return buildPackage({ type: os.type, namespace: os.namespace, name, version, qualifiers, fixedVersions });
}
