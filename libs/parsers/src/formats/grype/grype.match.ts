import type { Cvss, ParsedFinding } from '@sieve/contracts';
import { normalizeRepoPath } from '@sieve/domain';
import { ghsaIdsFromUrls } from '../../advisory-ids.js';
import { addCvssVector, severityFromVectors, withVersionPrefix } from '../../cvss-vectors.js';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, isObject, str, strings } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { GrypeScan } from './grype.context.js';
import { grypePackage } from './grype.package.js';
import { grypeSeverity } from './grype.severity.js';

/** Reads one entry of matches[], or returns null after a warning when it has no vulnerability id. */
export function matchFinding(record: unknown, index: number, scan: GrypeScan): ParsedFinding | null {
  const location = pointer('/matches', index);
  const vulnerability = field(record, 'vulnerability');
  const id = str(field(vulnerability, 'id'));
  if (!isObject(record) || id === null) {
    scan.warnings.push({ message: 'match without vulnerability.id skipped', location });
    return null;
  }

  const related = arr(field(record, 'relatedVulnerabilities'));
  const references = referenceUrls(vulnerability);
  const cvss = readCvss(vulnerability, related, location, scan);
  const toolSeverity = str(field(vulnerability, 'severity'));
  const artifact = field(record, 'artifact');
  const pkg = grypePackage(artifact, vulnerability, location, scan);
  const firstLocation = arr(field(artifact, 'locations'))[0];
  const path = str(field(firstLocation, 'path'));

  return buildFinding({
    tool: scan.tool,
    category: scan.isImage ? 'container' : 'sca',
    title: pkg ? `${id} in ${pkg.name}${pkg.version ? ` ${pkg.version}` : ''}` : id,
    description: str(field(vulnerability, 'description')) ?? firstDescription(related),
    vulnerabilityIds: [id],
    aliases: [...relatedIds(related), ...ghsaIdsFromUrls(references)],
    severity: toolSeverity === null ? severityFromVectors(cvss) : grypeSeverity(toolSeverity),
    toolSeverity,
    cvss,
    package: pkg,
    references,
    location: {
      path: path === null ? null : normalizeRepoPath(path),
      image: scan.image,
      imageDigest: scan.imageDigest,
      layer: str(field(firstLocation, 'layerID')),
    },
    sourcePointer: location,
  });
}

/**
 * Reads the vectors of the match's vulnerability and of its related records
 * (usually NVD's view of the same CVE). Grype 0.7 writes cvssV2 and cvssV3
 * objects. Later versions write a cvss[] list, and recent ones name the scorer
 * of each entry in `source`.
 */
function readCvss(vulnerability: unknown, related: unknown[], location: string, scan: GrypeScan): Cvss[] {
  const cvss: Cvss[] = [];
  const records = [
    { record: vulnerability, at: pointer(location, 'vulnerability') },
    ...related.map((record, i) => ({ record, at: pointer(location, 'relatedVulnerabilities', i) })),
  ];
  for (const { record, at } of records) {
    const namespace = str(field(record, 'namespace'));
    arr(field(record, 'cvss')).forEach((entry, i) => {
      const vector = str(field(entry, 'vector'));
      if (vector !== null) {
        const withPrefix = withVersionPrefix(vector, str(field(entry, 'version')));
        addCvssVector(cvss, withPrefix, str(field(entry, 'source')) ?? namespace, pointer(at, 'cvss', i), scan.warnings);
      }
    });
    for (const legacyField of ['cvssV3', 'cvssV2']) {
      const vector = str(field(field(record, legacyField), 'vector'));
      if (vector !== null) {
        addCvssVector(cvss, vector, namespace, pointer(at, legacyField), scan.warnings);
      }
    }
  }
  return cvss;
}

/** Returns the advisory links: dataSource, then urls (named links in old reports such as Grype 0.7). */
function referenceUrls(vulnerability: unknown): string[] {
  const urls = [str(field(vulnerability, 'dataSource')), ...strings(field(vulnerability, 'urls')), ...strings(field(vulnerability, 'links'))];
  return urls.filter((url): url is string => url !== null);
}

function relatedIds(related: unknown[]): string[] {
  return related.map((entry) => str(field(entry, 'id'))).filter((id): id is string => id !== null);
}

function firstDescription(related: unknown[]): string | null {
  for (const entry of related) {
    const description = str(field(entry, 'description'));
    if (description !== null) {
      return description;
    }
  }
  return null;
}
