import type { FindingSummary } from '@sieve/persistence';

/**
 * Names a package version across assets for the blast radius: ecosystem,
 * name and version, without purl qualifiers, which differ between tools and
 * images for the same installed package. Null for findings without a
 * versioned package.
 */
export function packageKeyOf(finding: Pick<FindingSummary, 'package_ecosystem' | 'package_name' | 'package_version'>): string | null {
  const { package_ecosystem: ecosystem, package_name: name, package_version: version } = finding;
  if (ecosystem === null || name === null || version === null) {
    return null;
  }
  return `${ecosystem}|${name}|${version}`;
}
