import type { Cvss, ParsedFinding, Severity } from '@sieve/contracts';
import { severityFromCvssScore } from '@sieve/domain';
import { addCvssVector, severityFromVectors } from '../../cvss-vectors.js';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, num, str, strings, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import { OSV_SCANNER_TOOL, type OsvPackageContext } from './osv-scanner.context.js';
import { osvPackage, purlTypeOf } from './osv-scanner.ecosystem.js';
import { highestSeverityWord } from './osv-scanner.severity.js';

// Types of OSV severity[] entries whose score is a CVSS vector.
const CVSS_SEVERITY_TYPES = new Set(['CVSS_V2', 'CVSS_V3', 'CVSS_V4']);
// Range types whose "fixed" events are package versions; GIT ranges give commits.
const VERSION_RANGE_TYPES = new Set(['ECOSYSTEM', 'SEMVER']);

/** An OSV record of packages[].vulnerabilities[] with its pointer. */
export interface OsvRecord {
  record: JsonObject;
  pointer: string;
}

/**
 * Builds one finding for a set of OSV records that describe the same
 * vulnerability: the members of a group (GHSA-x and PYSEC-y for one CVE), or
 * one ungrouped record. The primary id is the first id of the group, and the
 * other ids and every alias follow it.
 */
export function groupFinding(ids: string[], groupAliases: string[], members: OsvRecord[], maxSeverity: string | null, at: string, pkg: OsvPackageContext): ParsedFinding {
  const primary = members.find((member) => str(field(member.record, 'id')) === ids[0]) ?? members[0];
  const cvss = readCvss(members, pkg);
  const severity = readSeverity(members, maxSeverity, cvss);
  const pkgValue = pkg.name === '' ? null : osvPackage(pkg.ecosystem, pkg.name, pkg.version, fixedVersions(members, pkg), pkg.purl);
  const title = firstText(primary, members, 'summary') ?? ids[0] ?? 'OSV vulnerability';

  return buildFinding({
    tool: OSV_SCANNER_TOOL,
    category: 'sca',
    title: pkgValue === null ? title : `${title} in ${pkgValue.name}${pkgValue.version === null ? '' : ` ${pkgValue.version}`}`,
    description: describe(firstText(primary, members, 'details'), pkg),
    cwes: members.flatMap((member) => cwesOf(member.record)),
    vulnerabilityIds: ids.slice(0, 1),
    aliases: [...ids.slice(1), ...groupAliases, ...members.flatMap((member) => strings(field(member.record, 'aliases')))],
    severity: severity.severity,
    toolSeverity: severity.toolSeverity,
    cvss,
    package: pkgValue,
    references: members.flatMap((member) => arr(field(member.record, 'references')).map((reference) => str(field(reference, 'url')))).filter((url): url is string => url !== null),
    location: { path: pkg.sourcePath },
    sourcePointer: at,
  });
}

function firstText(primary: OsvRecord | undefined, members: OsvRecord[], key: string): string | null {
  const ordered = primary === undefined ? members : [primary, ...members];
  for (const member of ordered) {
    const text = str(field(member.record, key));
    if (text !== null) {
      return text;
    }
  }
  return null;
}

/**
 * Severity in order of preference: the highest GHSA severity word of the
 * members (database_specific.severity), the group's max_severity score
 * (osv-scanner 1.7 and later), then the preferred CVSS vector.
 */
function readSeverity(members: OsvRecord[], maxSeverity: string | null, cvss: Cvss[]): { severity: Severity; toolSeverity: string | null } {
  const words = members.map((member) => str(field(field(member.record, 'database_specific'), 'severity'))).filter((word): word is string => word !== null);
  const highest = highestSeverityWord(words);
  if (highest !== null) {
    return { severity: highest.severity, toolSeverity: highest.word };
  }
  const score = maxSeverity === null ? null : num(maxSeverity);
  if (score !== null && score >= 0 && score <= 10) {
    return { severity: severityFromCvssScore(score), toolSeverity: maxSeverity };
  }
  return { severity: severityFromVectors(cvss), toolSeverity: null };
}

function readCvss(members: OsvRecord[], pkg: OsvPackageContext): Cvss[] {
  const cvss: Cvss[] = [];
  for (const member of members) {
    arr(field(member.record, 'severity')).forEach((entry, index) => {
      const type = str(field(entry, 'type'));
      const vector = str(field(entry, 'score'));
      if (type !== null && CVSS_SEVERITY_TYPES.has(type.toUpperCase()) && vector !== null) {
        addCvssVector(cvss, vector, null, pointer(member.pointer, 'severity', index, 'score'), pkg.warnings);
      }
    });
  }
  return cvss;
}

/** CWEs of GHSA records (database_specific.cwe_ids) and of malicious-package records (affected[].database_specific.cwes[]). */
function cwesOf(record: JsonObject): string[] {
  const fromAffected = arr(field(record, 'affected')).flatMap((affected) =>
    arr(field(field(affected, 'database_specific'), 'cwes')).map((cwe) => str(field(cwe, 'cweId'))),
  );
  return [...strings(field(field(record, 'database_specific'), 'cwe_ids')), ...fromAffected.filter((cwe): cwe is string => cwe !== null)];
}

/**
 * The "fixed" events of the version ranges that the members give for the
 * scanned package. A record may list several branches ("2.0.7" and
 * "1.26.18"); all are kept, because choosing the one for the installed
 * version needs each ecosystem's version ordering.
 */
function fixedVersions(members: OsvRecord[], pkg: OsvPackageContext): string[] {
  const fixed = new Set<string>();
  for (const member of members) {
    for (const affected of arr(field(member.record, 'affected'))) {
      if (!affectsPackage(affected, pkg)) {
        continue;
      }
      for (const range of arr(field(affected, 'ranges'))) {
        if (!VERSION_RANGE_TYPES.has(str(field(range, 'type'))?.toUpperCase() ?? '')) {
          continue;
        }
        arr(field(range, 'events')).forEach((event) => {
          const version = str(field(event, 'fixed'));
          if (version !== null) {
            fixed.add(version);
          }
        });
      }
    }
  }
  return [...fixed];
}

function affectsPackage(affected: unknown, pkg: OsvPackageContext): boolean {
  const name = str(field(field(affected, 'package'), 'name'));
  const ecosystem = str(field(field(affected, 'package'), 'ecosystem'));
  if (name === null || name.toLowerCase() !== pkg.name.toLowerCase()) {
    return false;
  }
  return ecosystem === null || purlTypeOf(ecosystem) === purlTypeOf(pkg.ecosystem);
}

function describe(details: string | null, pkg: OsvPackageContext): string | null {
  if (pkg.name !== '' || pkg.commit === null) {
    return details;
  }
  const source = `Found at commit ${pkg.commit}${pkg.sourcePath === null ? '' : ` of ${pkg.sourcePath}`}.`;
  return details === null ? source : `${source}\n\n${details}`;
}
