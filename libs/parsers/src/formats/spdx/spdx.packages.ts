import type { Package } from '@sieve/contracts';
import { arr, field, isObject, str, strings, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import { buildPackage, packageFromPurl } from '../../package-builder.js';
import type { Component, ParseWarning } from '../../report-format.js';

// License values that say nothing about the license.
const NO_LICENSE = new Set(['NOASSERTION', 'NONE']);

/** A package of the document with its SPDX id and where it sits. */
export interface SpdxPackage {
  record: JsonObject;
  spdxId: string | null;
  pointer: string;
  name: string;
  version: string | null;
  /** From the PACKAGE-MANAGER purl reference; null for packages without one (the scanned directory, an image). */
  pkg: Package | null;
}

/** Lists packages[]; an entry without a name is skipped with a warning. */
export function readPackages(document: JsonObject, warnings: ParseWarning[]): SpdxPackage[] {
  const found: SpdxPackage[] = [];
  arr(field(document, 'packages')).forEach((record, index) => {
    const at = pointer('/packages', index);
    const name = str(field(record, 'name'));
    if (!isObject(record) || name === null) {
      warnings.push({ message: 'package without a name skipped', location: at });
      return;
    }
    const version = str(field(record, 'versionInfo'));
    found.push({ record, spdxId: str(field(record, 'SPDXID')), pointer: at, name, version, pkg: packageOf(record, name, version, at, warnings) });
  });
  return found;
}

function packageOf(record: JsonObject, name: string, version: string | null, at: string, warnings: ParseWarning[]): Package | null {
  const refs = arr(field(record, 'externalRefs'));
  const index = refs.findIndex((ref) => str(field(ref, 'referenceType'))?.toLowerCase() === 'purl');
  const purl = str(field(refs[index], 'referenceLocator'));
  if (purl === null) {
    return null;
  }
  const parsed = packageFromPurl(purl, { name, version });
  if (parsed === null) {
    warnings.push({ message: `invalid package URL "${purl.slice(0, 200)}" on package ${name}`, location: pointer(at, 'externalRefs', index, 'referenceLocator') });
  }
  return parsed;
}

/** The package of a finding: the purl reference, else a generic purl from name and version. */
export function findingPackage(entry: SpdxPackage): Package | null {
  return entry.pkg ?? buildPackage({ type: 'generic', name: entry.name, version: entry.version });
}

/**
 * Lists the SBOM entries: each package with a purl, once per purl, with its
 * declared and concluded licenses and whether it is a direct dependency.
 */
export function sbomComponents(packages: SpdxPackage[], direct: Map<string, boolean> | null): Component[] {
  const byPurl = new Map<string, Component>();
  for (const entry of packages) {
    if (entry.pkg === null || byPurl.has(entry.pkg.purl)) {
      continue;
    }
    const isDirect = direct === null || entry.spdxId === null ? null : (direct.get(entry.spdxId) ?? null);
    byPurl.set(entry.pkg.purl, { purl: entry.pkg.purl, name: entry.pkg.name, version: entry.pkg.version, licenses: licensesOf(entry.record), direct: isDirect });
  }
  return [...byPurl.values()];
}

function licensesOf(record: JsonObject): string[] {
  const values = [str(field(record, 'licenseDeclared')), str(field(record, 'licenseConcluded')), ...strings(field(record, 'licenseInfoFromFiles'))];
  return [...new Set(values.filter((value): value is string => value !== null && !NO_LICENSE.has(value.toUpperCase())))];
}
