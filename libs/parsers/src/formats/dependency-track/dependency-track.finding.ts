import type { Cvss, Package, ParsedFinding, Tool } from '@sieve/contracts';
import { parsePurl } from '@sieve/domain';
import { ghsaIdsFromUrls } from '../../advisory-ids.js';
import { addCvssVector, severityFromVectors } from '../../cvss-vectors.js';
import { buildFinding } from '../../finding-builder.js';
import { arr, entries, field, isObject, str, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import { buildPackage, packageFromPurl } from '../../package-builder.js';
import type { ParseWarning } from '../../report-format.js';
import { dependencyTrackSeverity, readAnalysis } from './dependency-track.severity.js';

// Bounded: a URL is at most 2,000 characters, and the text it is applied to is clipped first.
const URL_IN_TEXT = /https?:\/\/[^\s)\]>"']{1,2000}/g;
const MAX_REFERENCES_TEXT = 20_000;
const CVSS_VECTOR_FIELDS = ['cvssV4Vector', 'cvssV3Vector', 'cvssV2Vector'];
const OS_PURL_TYPES = new Set(['apk', 'deb', 'rpm', 'alpm']);

/** Reads one entry of findings[], or returns null after a warning when it has no vulnerability id or component. */
export function readFinding(record: unknown, location: string, tool: Tool, warnings: ParseWarning[]): ParsedFinding | null {
  const component = field(record, 'component');
  const vulnerability = field(record, 'vulnerability');
  const vulnId = str(field(vulnerability, 'vulnId'));
  if (!isObject(record) || !isObject(component) || vulnId === null) {
    warnings.push({ message: 'finding without component or vulnerability.vulnId skipped', location });
    return null;
  }

  const source = str(field(vulnerability, 'source'));
  const cvss = readCvss(vulnerability, source, pointer(location, 'vulnerability'), warnings);
  const toolSeverity = str(field(vulnerability, 'severity'));
  const severity = dependencyTrackSeverity(toolSeverity);
  const pkg = componentPackage(component, pointer(location, 'component'), warnings);
  const references = urlsIn(str(field(vulnerability, 'references')));
  const title = str(field(vulnerability, 'title')) ?? vulnId;

  return buildFinding({
    tool,
    category: 'sca',
    title: pkg === null ? title : `${title} in ${pkg.name}${pkg.version === null ? '' : ` ${pkg.version}`}`,
    description: describe(vulnerability),
    fingerprint: str(field(record, 'matrix')),
    cwes: cwesOf(vulnerability),
    vulnerabilityIds: [vulnId],
    aliases: [...aliasesOf(vulnerability), ...ghsaIdsFromUrls(references)],
    severity: severity === 'unknown' ? severityFromVectors(cvss) : severity,
    toolSeverity,
    cvss,
    package: pkg,
    references,
    triage: readAnalysis(field(record, 'analysis'), pointer(location, 'analysis'), warnings),
    sourcePointer: location,
  });
}

/**
 * Builds the package from the component's purl, kept with its qualifiers
 * (Maven's type=jar), else a generic purl from group, name and version.
 * component.version wins over the purl's version when both are given.
 */
function componentPackage(component: JsonObject, location: string, warnings: ParseWarning[]): Package | null {
  const group = str(field(component, 'group'));
  const name = str(field(component, 'name'));
  const version = str(field(component, 'version'));
  let fullName: string | null = null;
  if (name !== null) {
    fullName = group === null ? name : `${group}/${name}`;
  }
  const purl = str(field(component, 'purl'));
  if (purl !== null) {
    // An OS package's purl namespace is its distribution; the component name alone names the package.
    const isOsPackage = OS_PURL_TYPES.has(parsePurl(purl)?.type ?? '');
    const fromPurl = packageFromPurl(purl, isOsPackage && name !== null ? { name, version } : { version });
    if (fromPurl !== null) {
      return fromPurl;
    }
    warnings.push({ message: `invalid package URL "${purl.slice(0, 200)}"; built a generic one from the component name`, location: pointer(location, 'purl') });
  }
  return fullName === null ? null : buildPackage({ type: 'generic', namespace: group, name: name ?? fullName, version });
}

/**
 * Ids from aliases[] (FPF 1.2 and later), objects such as {"cveId": ...,
 * "ghsaId": ...} whose every value is an id of another source.
 */
function aliasesOf(vulnerability: unknown): string[] {
  return arr(field(vulnerability, 'aliases')).flatMap((alias) =>
    entries(alias)
      .map(([, value]) => str(value))
      .filter((id): id is string => id !== null),
  );
}

function cwesOf(vulnerability: unknown): string[] {
  const listed = arr(field(vulnerability, 'cwes')).map((cwe) => str(field(cwe, 'cweId')));
  return [str(field(vulnerability, 'cweId')), ...listed].filter((cwe): cwe is string => cwe !== null);
}

/** Vectors of the vulnerability, scored by its source (NVD, GITHUB, OSSINDEX, ...). */
function readCvss(vulnerability: unknown, source: string | null, location: string, warnings: ParseWarning[]): Cvss[] {
  const cvss: Cvss[] = [];
  for (const key of CVSS_VECTOR_FIELDS) {
    const vector = str(field(vulnerability, key));
    if (vector !== null) {
      addCvssVector(cvss, vector, source, pointer(location, key), warnings);
    }
  }
  return cvss;
}

function describe(vulnerability: unknown): string | null {
  const parts = [str(field(vulnerability, 'description')), str(field(vulnerability, 'recommendation'))].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join('\n\n') : null;
}

/** URLs in the markdown references text, for example "* [https://...](https://...)". */
function urlsIn(text: string | null): string[] {
  return text === null ? [] : [...new Set([...text.slice(0, MAX_REFERENCES_TEXT).matchAll(URL_IN_TEXT)].map((match) => match[0]))];
}
