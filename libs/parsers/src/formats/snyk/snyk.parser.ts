import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { arr, field, isObject, str, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { SNYK_TOOL, type SnykProject, type SnykScan } from './snyk.context.js';
import { describeApplication, describeProject, distinctIds, projectFindings, uniqueCountOf } from './snyk.project.js';

export const snykFormat: ReportFormat = {
  id: 'snyk',
  displayName: 'Snyk CLI JSON (snyk test, snyk test --all-projects, snyk container test)',
  detect: detectSnyk,
  parse: parseSnyk,
};

function detectSnyk(input: ReportInput): boolean {
  if (!input.isJson()) {
    return false;
  }
  const report = input.json();
  if (Array.isArray(report)) {
    return report.length > 0 && report.every((entry) => isProject(entry) || isErrorEnvelope(entry)) && report.some(isProject);
  }
  return isProject(report) || isErrorEnvelope(report);
}

/** Returns true for a project result: vulnerabilities[], the boolean `ok` and a package manager or project name. */
function isProject(value: unknown): boolean {
  return (
    Array.isArray(field(value, 'vulnerabilities')) &&
    typeof field(value, 'ok') === 'boolean' &&
    (str(field(value, 'packageManager')) !== null || str(field(value, 'projectName')) !== null)
  );
}

/** Returns true for Snyk's error output, for example {"ok": false, "error": "Could not detect supported target files in .", "path": "."}. */
function isErrorEnvelope(value: unknown): boolean {
  return field(value, 'ok') === false && str(field(value, 'error')) !== null && field(value, 'vulnerabilities') === undefined;
}

function parseSnyk(input: ReportInput): ParseResult {
  const report = input.json();
  if (isErrorEnvelope(report)) {
    throw new ReportRejectedError('tool_error', `Snyk failed: ${str(field(report, 'error'))?.slice(0, 500)}`, '/error');
  }
  if (!Array.isArray(report) && !isProject(report)) {
    throw new ReportRejectedError('invalid_report', 'Snyk report is neither a project result with a "vulnerabilities" array nor an array of them', '');
  }

  const scan: SnykScan = { warnings: [] };
  const isArray = Array.isArray(report);
  const records = isArray ? report : [report];
  const findings: ParsedFinding[] = [];
  let complete = true;
  records.forEach((record, index) => {
    const at = isArray ? pointer('', index) : '';
    if (!isObject(record) || !Array.isArray(field(record, 'vulnerabilities'))) {
      scan.warnings.push({ message: projectProblem(record), location: at });
      complete = false;
      return;
    }
    findings.push(...containerOrProjectFindings(describeProject(record, at), scan));
  });
  return { tool: SNYK_TOOL, findings, warnings: scan.warnings, assetName: assetName(records), complete, components: [], secretValues: [] };
}

function containerOrProjectFindings(project: SnykProject, scan: SnykScan): ParsedFinding[] {
  const applications = arr(field(project.record, 'applications'));
  const findings = projectFindings(project, scan);
  const applicationRecords: JsonObject[] = [];
  applications.forEach((application, index) => {
    const at = pointer(project.pointer, 'applications', index);
    if (!isObject(application) || !Array.isArray(field(application, 'vulnerabilities'))) {
      scan.warnings.push({ message: projectProblem(application), location: at });
      return;
    }
    applicationRecords.push(application);
    const described = describeApplication(application, at, project);
    findings.push(...projectFindings(described, scan));
    checkUniqueCount(application, [], at, scan);
  });
  checkUniqueCount(project.record, applicationRecords, project.pointer, scan);
  return findings;
}

/**
 * Compares uniqueCount with the distinct ids listed. A container result counts
 * the issues of its applications too, so either count may match. A mismatch
 * (for example a trimmed report) is a warning; findings come from the list.
 */
function checkUniqueCount(record: JsonObject, applications: JsonObject[], at: string, scan: SnykScan): void {
  const expected = uniqueCountOf(record);
  if (expected === null) {
    return;
  }
  const own = distinctIds(record);
  const all = new Set([...own, ...applications.flatMap((application) => [...distinctIds(application)])]);
  if (expected !== own.size && expected !== all.size) {
    scan.warnings.push({
      message: `uniqueCount is ${expected} but vulnerabilities[] lists ${all.size} distinct issue ${all.size === 1 ? 'id' : 'ids'}; findings are read from the list`,
      location: pointer(at, 'uniqueCount'),
    });
  }
}

function projectProblem(record: unknown): string {
  const error = str(field(record, 'error'));
  return error === null ? 'project without a "vulnerabilities" array skipped' : `project skipped because Snyk failed on it: ${error.slice(0, 500)}`;
}

/**
 * Returns the image of a container result, else the project name of a single
 * project. An --all-projects array names the projects of one directory, and
 * the directory's local path is no asset name, so the result is null unless
 * every project has the same name.
 */
function assetName(records: unknown[]): string | null {
  const names = new Set<string | null>();
  for (const record of records) {
    if (!isObject(record) || !Array.isArray(field(record, 'vulnerabilities'))) {
      continue;
    }
    const project = describeProject(record, '');
    names.add(project.image ?? str(field(record, 'projectName')));
  }
  const [only] = names;
  return names.size === 1 ? (only ?? null) : null;
}
