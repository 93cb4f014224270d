import type { Package } from '@sieve/contracts';
import { buildPackage, packageFromPurl } from '../../package-builder.js';
import type { XmlElement } from '../../xml-document.js';

const CONFIDENCE_RANK = ['HIGHEST', 'HIGH', 'MEDIUM', 'LOW'];

/**
 * Returns the package of a <dependency>: the purl of its most confident
 * identifiers/package (schema 2.x, where some writers nest a second
 * <identifiers>), else a Maven identifier "group:artifact:version" of
 * schema 1.x. CPE identifiers give no package. Returns null without either.
 */
export function dependencyPackage(dependency: XmlElement): Package | null {
  const identifiers = dependency.childrenNamed('identifiers');
  const nested = identifiers.flatMap((element) => element.childrenNamed('identifiers'));
  const groups = [...identifiers, ...nested];

  const packages = groups.flatMap((element) => element.childrenNamed('package')).sort((a, b) => rank(a) - rank(b));
  for (const element of packages) {
    const purl = element.childText('id');
    const pkg = purl === null ? null : packageFromPurl(purl);
    if (pkg !== null) {
      return pkg;
    }
  }

  const maven = groups.flatMap((element) => element.childrenNamed('identifier')).find((element) => element.attribute('type') === 'maven');
  const coordinates = maven?.childText('name')?.split(':') ?? [];
  if (coordinates.length === 3 && coordinates.every((part) => part !== '')) {
    const [group, artifact, version] = coordinates;
    return buildPackage({ type: 'maven', name: `${group}:${artifact}`, version: version ?? null });
  }
  return null;
}

function rank(element: XmlElement): number {
  const index = CONFIDENCE_RANK.indexOf(element.attribute('confidence')?.toUpperCase() ?? '');
  return index === -1 ? CONFIDENCE_RANK.length : index;
}
