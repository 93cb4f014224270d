import type { Package } from '@sieve/contracts';
import { field, str, strings } from '../../json-access.js';
import { buildPackage, packageFromPurl, splitVersionList } from '../../package-builder.js';
import type { GrypeScan } from './grype.context.js';

// Syft's artifact types (as Grype writes them) to purl types.
const ARTIFACT_PURL_TYPES = new Map<string, string>([
  ['deb', 'deb'],
  ['rpm', 'rpm'],
  ['apk', 'apk'],
  ['python', 'pypi'],
  ['npm', 'npm'],
  ['gem', 'gem'],
  ['java-archive', 'maven'],
  ['jenkins-plugin', 'maven'],
  ['go-module', 'golang'],
  ['rust-crate', 'cargo'],
  ['php-composer', 'composer'],
  ['dotnet', 'nuget'],
  ['dart-pub', 'pub'],
  ['hex', 'hex'],
  ['conan', 'conan'],
  ['pod', 'cocoapods'],
  ['swift', 'swift'],
]);

const OS_PURL_TYPES = new Set(['deb', 'rpm', 'apk']);

/**
 * Reads the matched package: artifact.purl when given, else a purl built from
 * artifact.type, name and version, with the distro of the report for OS
 * packages. Fixed versions come from vulnerability.fix.versions, or from
 * fixedInVersion in old reports such as Grype 0.7.
 */
export function grypePackage(artifact: unknown, vulnerability: unknown, location: string, scan: GrypeScan): Package | null {
  const name = str(field(artifact, 'name'));
  const version = str(field(artifact, 'version'));
  const fixedVersions = [...strings(field(field(vulnerability, 'fix'), 'versions')), ...splitVersionList(str(field(vulnerability, 'fixedInVersion')))];
  const purl = str(field(artifact, 'purl'));

  if (purl !== null) {
    const fromPurl = packageFromPurl(purl, { name, version, fixedVersions });
    if (fromPurl !== null) {
      return fromPurl;
    }
    scan.warnings.push({ message: `invalid package URL "${purl.slice(0, 200)}"; built one from the artifact name instead`, location });
  }
  if (name === null) {
    return null;
  }
  const purlType = ARTIFACT_PURL_TYPES.get(str(field(artifact, 'type'))?.toLowerCase() ?? '') ?? 'generic';
  if (OS_PURL_TYPES.has(purlType) && scan.distro !== null) {
    const { name: distroName, version: distroVersion } = scan.distro;
    const qualifiers = distroVersion === null ? null : { distro: `${distroName}-${distroVersion}` };
    return buildPackage({ type: purlType, namespace: distroName, name, version, qualifiers, fixedVersions });
  }
  return buildPackage({ type: purlType, name, version, fixedVersions });
}
