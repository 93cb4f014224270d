// Parts shared by GitLab's dependency scanning and container scanning
// reports, which use the same security report schema (versions 2.x to 15.x):
// the envelope (version, scan, vulnerabilities[]), severity, identifiers,
// CVSS vectors and the solution text.
import type { Cvss, Severity, Tool } from '@sieve/contracts';
import { isCve, ReportRejectedError } from '@sieve/domain';
import { addCvssVector } from '../../cvss-vectors.js';
import { arr, field, isObject, str, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseWarning } from '../../report-format.js';

// CVE ids come first among a vulnerability's identifiers, then GHSA, then the rest.
const ID_TYPE_RANK = new Map([
  ['cve', 0],
  ['ghsa', 1],
]);

const GITLAB_SEVERITIES = new Map<string, Severity>([
  ['critical', 'critical'],
  ['high', 'high'],
  ['medium', 'medium'],
  ['low', 'low'],
  ['info', 'info'],
  ['unknown', 'unknown'],
  ['undefined', 'unknown'],
]);

// Identifier types that classify a weakness rather than name a vulnerability.
const CLASSIFICATION_TYPES = new Set(['cwe', 'owasp']);

/** Maps GitLab's severity (Critical, High, Medium, Low, Info, Unknown) to Sieve's scale. */
export function gitlabSeverity(value: string | null): Severity {
  if (value === null) {
    return 'unknown';
  }
  return GITLAB_SEVERITIES.get(value.toLowerCase()) ?? 'unknown';
}

/** True for a report of the given scan type: scan.type, or without a scan block the shape check the caller gives. */
export function isGitlabReport(report: unknown, scanType: string, withoutScan: (report: JsonObject) => boolean): boolean {
  if (!isObject(report) || !Array.isArray(field(report, 'vulnerabilities')) || str(field(report, 'version')) === null) {
    return false;
  }
  const type = str(field(field(report, 'scan'), 'type'));
  return type === null ? withoutScan(report) : type === scanType;
}

/**
 * Checks the envelope and returns the scanner as the tool. A scan with
 * status "failure" is rejected with the scanner's fatal messages, because
 * its vulnerability list is not a result.
 */
export function readEnvelope(report: unknown, label: string): { report: JsonObject; vulnerabilities: unknown[]; tool: Tool } {
  const vulnerabilities = field(report, 'vulnerabilities');
  if (!isObject(report) || !Array.isArray(vulnerabilities)) {
    throw new ReportRejectedError('invalid_report', `GitLab ${label} report is not a JSON object with a "vulnerabilities" array`, '');
  }
  const scan = field(report, 'scan');
  if (str(field(scan, 'status'))?.toLowerCase() === 'failure') {
    const messages = arr(field(scan, 'messages'))
      .map((message) => str(field(message, 'value')))
      .filter((message): message is string => message !== null);
    const detail = messages.length > 0 ? messages.join('; ').slice(0, 500) : 'no message given';
    throw new ReportRejectedError('tool_error', `GitLab ${label} scan failed: ${detail}`, '/scan/status');
  }
  const scanner = field(scan, 'scanner');
  const name = str(field(scanner, 'id')) ?? str(field(scanner, 'name'))?.toLowerCase() ?? `gitlab-${label.replace(/ /g, '-')}`;
  return { report, vulnerabilities, tool: { name, version: str(field(scanner, 'version')) } };
}

/** Vulnerability ids and CWEs of a vulnerability, from identifiers[] and the deprecated `cve` field. */
export interface GitlabIds {
  ids: string[];
  cwes: string[];
}

/**
 * Reads identifiers[]. CVE and GHSA identifiers come first, then the rest in
 * report order. A Gemnasium identifier is written by its name
 * ("Gemnasium-<uuid>"), because its value is a bare UUID. CWE identifiers
 * become CWEs. The deprecated `cve` field is an id only when it contains a
 * CVE, because dependency scanning writes a compare key
 * ("file:package:gemnasium:uuid") there.
 */
export function readIds(vulnerability: JsonObject): GitlabIds {
  const ranked: Array<{ rank: number; id: string }> = [];
  const cwes: string[] = [];
  for (const identifier of arr(field(vulnerability, 'identifiers'))) {
    const type = str(field(identifier, 'type'))?.toLowerCase() ?? '';
    const value = str(field(identifier, 'value'));
    if (value === null) {
      continue;
    }
    if (type === 'cwe') {
      cwes.push(value);
    } else if (!CLASSIFICATION_TYPES.has(type)) {
      const id = type === 'gemnasium' ? (str(field(identifier, 'name')) ?? value) : value;
      ranked.push({ rank: ID_TYPE_RANK.get(type) ?? 2, id });
    }
  }
  const legacyCve = str(field(vulnerability, 'cve'));
  if (legacyCve !== null && isCve(legacyCve)) {
    ranked.push({ rank: 0, id: legacyCve });
  }
  const ids = [...new Set(ranked.sort((a, b) => a.rank - b.rank).map((entry) => entry.id))];
  return { ids, cwes };
}

/** Vectors of cvss_vectors[] (schema 15), scored by the vendor each entry names. */
export function readCvss(vulnerability: JsonObject, location: string, warnings: ParseWarning[]): Cvss[] {
  const cvss: Cvss[] = [];
  arr(field(vulnerability, 'cvss_vectors')).forEach((entry, index) => {
    const vector = str(field(entry, 'vector'));
    if (vector !== null) {
      addCvssVector(cvss, vector, str(field(entry, 'vendor')), pointer(location, 'cvss_vectors', index, 'vector'), warnings);
    }
  });
  return cvss;
}

// "Upgrade to version 2.2.3 or above." (Gemnasium) and "Upgrade libssl1.1 to 1.1.1d-r0" (Trivy).
const UPGRADE_SOLUTION = /^Upgrade (?:[^\s]{1,214} )?to (?:version )?([^\s,]{1,100}?)(?: or above)?\.?$/;

/** The fixed version named by a solution of the form "Upgrade [package] to [version] X [or above]", else none. */
export function fixedVersionsFromSolution(solution: string | null): string[] {
  if (solution === null || solution.length > 400) {
    return [];
  }
  const match = UPGRADE_SOLUTION.exec(solution.trim());
  return match?.[1] === undefined ? [] : [match[1]];
}

/** Link URLs of links[]. */
export function linkUrls(vulnerability: JsonObject): string[] {
  return arr(field(vulnerability, 'links'))
    .map((link) => str(field(link, 'url')))
    .filter((url): url is string => url !== null);
}

/** Joins the description and the solution, which is the only place some analyzers name the fix. */
export function describe(vulnerability: JsonObject): string | null {
  const parts = [str(field(vulnerability, 'description')), str(field(vulnerability, 'solution'))].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join('\n\n') : null;
}
