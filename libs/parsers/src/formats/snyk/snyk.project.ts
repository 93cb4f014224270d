import type { ParsedFinding, TriageStatement } from '@sieve/contracts';
import { imageName, normalizeRepoPath } from '@sieve/domain';
import { arr, field, int, isObject, str, strings, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { SnykProject, SnykScan } from './snyk.context.js';
import { isOsPackageManager } from './snyk.package.js';
import { issueFinding, type SnykIssue } from './snyk.vulnerability.js';

const DOCKER_PROJECT_PREFIX = 'docker-image|';

/** Describes a top-level project: a `snyk test` result or a `snyk container test` result. */
export function describeProject(record: JsonObject, at: string): SnykProject {
  const projectName = str(field(record, 'projectName'));
  const packageManager = str(field(record, 'packageManager'));
  const isContainer = isObject(field(record, 'docker')) || projectName?.startsWith(DOCKER_PROJECT_PREFIX) === true || isOsPackageManager(packageManager);
  const image = isContainer && projectName !== null ? imageName(projectName.replace(DOCKER_PROJECT_PREFIX, '')) : null;
  return { record, pointer: at, isContainer, image, targetFile: targetFileOf(record), packageManager };
}

/** Describes an entry of a container result's applications[]: an app's manifest found inside the image. */
export function describeApplication(record: JsonObject, at: string, container: SnykProject): SnykProject {
  return { record, pointer: at, isContainer: true, image: container.image, targetFile: targetFileOf(record), packageManager: str(field(record, 'packageManager')) };
}

/**
 * Reads the issues of a project: vulnerabilities[] and the ignored ones in
 * filtered.ignore[]. Snyk lists an issue once per dependency path, so
 * entries with the same id, package name and version are one finding.
 */
export function projectFindings(project: SnykProject, scan: SnykScan): ParsedFinding[] {
  const listed = collectIssues(field(project.record, 'vulnerabilities'), pointer(project.pointer, 'vulnerabilities'), false, scan);
  const filtered = field(field(project.record, 'filtered'), 'ignore');
  const ignored = collectIssues(filtered, pointer(project.pointer, 'filtered', 'ignore'), true, scan);
  return [...listed, ...ignored].map((issue) => issueFinding(issue, project, scan));
}

/** Distinct vulnerability ids of a project's vulnerabilities[], for comparison with its uniqueCount. */
export function distinctIds(record: JsonObject): Set<string> {
  const ids = arr(field(record, 'vulnerabilities'))
    .map((entry) => str(field(entry, 'id')))
    .filter((id): id is string => id !== null);
  return new Set(ids);
}

/** Returns uniqueCount when it is a count, else null. */
export function uniqueCountOf(record: JsonObject): number | null {
  return int(field(record, 'uniqueCount'));
}

function collectIssues(list: unknown, base: string, ignored: boolean, scan: SnykScan): SnykIssue[] {
  const issues = new Map<string, SnykIssue>();
  arr(list).forEach((entry, index) => {
    const at = pointer(base, index);
    const id = str(field(entry, 'id'));
    if (!isObject(entry) || id === null) {
      scan.warnings.push({ message: 'vulnerability without "id" skipped', location: at });
      return;
    }
    const key = `${id}|${str(field(entry, 'name')) ?? ''}|${str(field(entry, 'version')) ?? ''}`;
    const path = strings(field(entry, 'from'));
    const known = issues.get(key);
    if (known !== undefined) {
      known.paths.push(path);
      return;
    }
    issues.set(key, { record: entry, pointer: at, paths: [path], triage: ignored ? ignoreStatement(entry) : null });
  });
  return [...issues.values()];
}

/** Builds the triage of an ignored issue from the first ignore rule that matched it (filtered.ignored[]). */
function ignoreStatement(entry: JsonObject): TriageStatement {
  const rule = arr(field(field(entry, 'filtered'), 'ignored'))[0];
  return { state: 'suppressed', justification: null, detail: str(field(rule, 'reason')) };
}

function targetFileOf(record: JsonObject): string | null {
  const file = str(field(record, 'displayTargetFile')) ?? str(field(record, 'targetFile'));
  return file === null ? null : normalizeRepoPath(file);
}
