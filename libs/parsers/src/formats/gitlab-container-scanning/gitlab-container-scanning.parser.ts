import type { ParsedFinding, Tool } from '@sieve/contracts';
import { imageName } from '@sieve/domain';
import { severityFromVectors } from '../../cvss-vectors.js';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, isObject, str, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import {
  describe,
  fixedVersionsFromSolution,
  gitlabSeverity,
  isGitlabReport,
  linkUrls,
  readCvss,
  readEnvelope,
  readIds,
} from '../gitlab-dependency-scanning/gitlab-security-report.js';
import { containerPackage } from './gitlab-container-scanning.package.js';

export const gitlabContainerScanningFormat: ReportFormat = {
  id: 'gitlab-container-scanning',
  displayName: 'GitLab container scanning report (gl-container-scanning-report.json, schemas 2.x to 15.x)',
  detect: detectContainerScanning,
  parse: parseContainerScanning,
};

function detectContainerScanning(input: ReportInput): boolean {
  if (!input.isJson()) {
    return false;
  }
  // Reports without a scan block (schema 2.x) are known by the image their vulnerabilities name.
  return isGitlabReport(input.json(), 'container_scanning', (report) =>
    arr(field(report, 'vulnerabilities')).some((vulnerability) => str(field(field(vulnerability, 'location'), 'image')) !== null),
  );
}

function parseContainerScanning(input: ReportInput): ParseResult {
  const { report, vulnerabilities, tool } = readEnvelope(input.json(), 'container scanning');
  const warnings: ParseWarning[] = [];
  const findings: ParsedFinding[] = [];
  vulnerabilities.forEach((vulnerability, index) => {
    const finding = vulnerabilityFinding(vulnerability, pointer('/vulnerabilities', index), tool, warnings);
    if (finding !== null) {
      findings.push(finding);
    }
  });
  return { tool, findings, warnings, assetName: assetName(report), complete: true, components: [], secretValues: [] };
}

/** Reads one vulnerability; one that names no package is kept without a package, with a warning. */
function vulnerabilityFinding(vulnerability: unknown, location: string, tool: Tool, warnings: ParseWarning[]): ParsedFinding | null {
  if (!isObject(vulnerability)) {
    warnings.push({ message: 'vulnerability that is not an object skipped', location });
    return null;
  }
  const { ids, cwes } = readIds(vulnerability);
  const title = str(field(vulnerability, 'name')) ?? str(field(vulnerability, 'message')) ?? ids[0] ?? null;
  if (title === null) {
    warnings.push({ message: 'vulnerability without name, message or identifiers skipped', location });
    return null;
  }

  const place = field(vulnerability, 'location');
  const dependency = field(place, 'dependency');
  const name = str(field(field(dependency, 'package'), 'name'));
  const version = str(field(dependency, 'version'));
  const fixedVersions = fixedVersionsFromSolution(str(field(vulnerability, 'solution')));
  const pkg = name === null ? null : containerPackage(str(field(place, 'operating_system')), name, version, fixedVersions);
  if (name === null) {
    warnings.push({ message: 'vulnerability names no dependency package; kept without a package', location: pointer(location, 'location', 'dependency') });
  }
  const image = str(field(place, 'image'));
  const cvss = readCvss(vulnerability, location, warnings);
  const toolSeverity = str(field(vulnerability, 'severity'));
  const severity = gitlabSeverity(toolSeverity);
  // Schema 3 writes "CVE-x in pkg-version" as message; name, when given, is the advisory's title.
  const heading = str(field(vulnerability, 'name')) === null || pkg === null ? title : `${title} in ${pkg.name}${pkg.version === null ? '' : ` ${pkg.version}`}`;

  return buildFinding({
    tool,
    category: 'container',
    title: heading,
    description: describe(vulnerability),
    cwes,
    vulnerabilityIds: ids.slice(0, 1),
    aliases: ids.slice(1),
    severity: severity === 'unknown' ? severityFromVectors(cvss) : severity,
    toolSeverity,
    cvss,
    package: pkg,
    references: linkUrls(vulnerability),
    location: { image: image === null ? null : imageName(image) },
    sourcePointer: location,
  });
}

/** Returns the image every vulnerability names, without tag, or null when they name none or several. */
function assetName(report: JsonObject): string | null {
  const images = new Set<string>();
  for (const vulnerability of arr(field(report, 'vulnerabilities'))) {
    const image = str(field(field(vulnerability, 'location'), 'image'));
    if (image !== null) {
      images.add(imageName(image));
    }
  }
  const [only] = images;
  return images.size === 1 ? (only ?? null) : null;
}
