import type { ParsedFinding, Tool } from '@sieve/contracts';
import { normalizeRepoPath } from '@sieve/domain';
import { severityFromVectors } from '../../cvss-vectors.js';
import { buildFinding } from '../../finding-builder.js';
import { field, isObject, str, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { dependencyPackage, purlTypeForFile } from './gitlab-dependency-scanning.package.js';
import { describe, fixedVersionsFromSolution, gitlabSeverity, isGitlabReport, linkUrls, readCvss, readEnvelope, readIds } from './gitlab-security-report.js';

export const gitlabDependencyScanningFormat: ReportFormat = {
  id: 'gitlab-dependency-scanning',
  displayName: 'GitLab dependency scanning report (gl-dependency-scanning-report.json, schemas 2.x to 15.x)',
  detect: detectDependencyScanning,
  parse: parseDependencyScanning,
};

function detectDependencyScanning(input: ReportInput): boolean {
  if (!input.isJson()) {
    return false;
  }
  // Reports without a scan block (schema 2.x) are known by their dependency_files[].
  return isGitlabReport(input.json(), 'dependency_scanning', (report) => Array.isArray(field(report, 'dependency_files')));
}

function parseDependencyScanning(input: ReportInput): ParseResult {
  const { report, vulnerabilities, tool } = readEnvelope(input.json(), 'dependency scanning');
  const warnings: ParseWarning[] = [];
  const findings: ParsedFinding[] = [];
  vulnerabilities.forEach((vulnerability, index) => {
    const finding = vulnerabilityFinding(vulnerability, pointer('/vulnerabilities', index), report, tool, warnings);
    if (finding !== null) {
      findings.push(finding);
    }
  });
  return { tool, findings, warnings, assetName: null, complete: true, components: [], secretValues: [] };
}

/**
 * Reads one vulnerability. A vulnerability whose dependency names no package
 * (`"package": {}`) is kept without a package, with a warning, because the
 * advisory and the file still show that something is vulnerable.
 */
function vulnerabilityFinding(vulnerability: unknown, location: string, report: JsonObject, tool: Tool, warnings: ParseWarning[]): ParsedFinding | null {
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

  const fileValue = str(field(field(vulnerability, 'location'), 'file'));
  const file = fileValue === null ? null : normalizeRepoPath(fileValue);
  const dependency = field(field(vulnerability, 'location'), 'dependency');
  const name = str(field(field(dependency, 'package'), 'name'));
  const version = str(field(dependency, 'version'));
  const fixedVersions = fixedVersionsFromSolution(str(field(vulnerability, 'solution')));
  const pkg = name === null ? null : dependencyPackage(purlTypeForFile(report, fileValue), name, version, fixedVersions);
  if (name === null) {
    warnings.push({ message: 'vulnerability names no dependency package; kept without a package', location: pointer(location, 'location', 'dependency') });
  }
  const cvss = readCvss(vulnerability, location, warnings);
  const toolSeverity = str(field(vulnerability, 'severity'));
  const severity = gitlabSeverity(toolSeverity);

  return buildFinding({
    tool,
    category: 'sca',
    title: pkg === null ? title : `${title} in ${pkg.name}${pkg.version === null ? '' : ` ${pkg.version}`}`,
    description: describe(vulnerability),
    cwes,
    vulnerabilityIds: ids.slice(0, 1),
    aliases: ids.slice(1),
    severity: severity === 'unknown' ? severityFromVectors(cvss) : severity,
    toolSeverity,
    cvss,
    package: pkg,
    references: linkUrls(vulnerability),
    location: { path: file },
    sourcePointer: location,
  });
}
