import type { FindingCategory, ParsedFinding, Tool } from '@sieve/contracts';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseWarning } from '../../report-format.js';
import { findingPackage, type SpdxPackage } from './spdx.packages.js';

// One path segment of an advisory URL that is a vulnerability id, optionally
// with a file extension ("CVE-2024-10001", "GHSA-jfh8-c2jp-5v3q.json").
const ID_SEGMENT = /^(CVE-\d{4}-\d{4,7}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}|GO-\d{4}-\d{4,6}|PYSEC-\d{4}-\d{1,6}|RUSTSEC-\d{4}-\d{4}|MAL-\d{4}-\d{1,7}|OSV-\d{4}-\d{1,7})(?:\.[a-z]{1,5})?$/i;
const MAX_URL = 2000;

/** Report-wide values shared by the findings of one document. */
export interface SpdxScan {
  tool: Tool;
  category: FindingCategory;
  image: string | null;
  warnings: ParseWarning[];
}

/**
 * Builds one finding per SECURITY reference of type "advisory" on a package.
 * SPDX 2.3 defines it as a reference to a published security advisory that
 * may affect the package, so it is a vulnerability hint, not a scan result.
 * The vulnerability id is the URL path segment that is one (CVE, GHSA, GO,
 * PYSEC, RUSTSEC, MAL, OSV). Other SECURITY references of the package ("fix",
 * "url") are kept as references.
 */
export function advisoryFindings(entry: SpdxPackage, scan: SpdxScan): ParsedFinding[] {
  const refs = arr(field(entry.record, 'externalRefs'));
  const related = refs.flatMap((ref) => {
    const url = locator(ref);
    return isSecurityRef(ref) && refType(ref) !== 'advisory' && url !== null && isUrl(url) ? [url] : [];
  });
  const findings: ParsedFinding[] = [];
  refs.forEach((ref, index) => {
    if (!isSecurityRef(ref) || refType(ref) !== 'advisory') {
      return;
    }
    const at = pointer(entry.pointer, 'externalRefs', index);
    const url = locator(ref);
    if (url === null) {
      scan.warnings.push({ message: 'advisory reference without referenceLocator skipped', location: at });
      return;
    }
    findings.push(advisoryFinding(entry, url, str(field(ref, 'comment')), related, at, scan));
  });
  return findings;
}

function advisoryFinding(entry: SpdxPackage, url: string, comment: string | null, related: string[], at: string, scan: SpdxScan): ParsedFinding {
  const id = vulnerabilityIdIn(url);
  if (id === null) {
    scan.warnings.push({ message: `advisory reference "${url.slice(0, 200)}" names no known vulnerability id; kept without one`, location: at });
  }
  const pkg = findingPackage(entry);
  const version = entry.version === null ? '' : ` ${entry.version}`;
  return buildFinding({
    tool: scan.tool,
    category: scan.category,
    title: `${id ?? 'Security advisory'} in ${entry.name}${version}`,
    description: comment === null ? `Advisory: ${url}` : `Advisory: ${url}\n\n${comment}`,
    vulnerabilityIds: id === null ? [] : [id],
    package: pkg,
    references: isUrl(url) ? [url, ...related] : related,
    location: { image: scan.image },
    sourcePointer: at,
  });
}

/** Returns the vulnerability id that forms a path segment of the URL, or null. */
export function vulnerabilityIdIn(url: string): string | null {
  if (url.length > MAX_URL) {
    return null;
  }
  const segments = url.split(/[/?#=&]/);
  for (let i = segments.length - 1; i >= 0; i -= 1) {
    const match = ID_SEGMENT.exec(segments[i] ?? '');
    if (match?.[1] !== undefined) {
      return match[1];
    }
  }
  return null;
}

function isSecurityRef(ref: unknown): boolean {
  return str(field(ref, 'referenceCategory'))?.toUpperCase().replace('_', '-') === 'SECURITY';
}

function refType(ref: unknown): string {
  return str(field(ref, 'referenceType'))?.toLowerCase() ?? '';
}

function locator(ref: unknown): string | null {
  return str(field(ref, 'referenceLocator'));
}

function isUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}
