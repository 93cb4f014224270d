import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { arr, clip, entries, field, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { ComponentPaths } from './sonarqube.component.js';
import { isFixedHotspot, readHotspot } from './sonarqube.hotspot.js';
import { isResolvedIssue, isSecurityIssue, readIssue } from './sonarqube.issue.js';
import { checkPaging } from './sonarqube.paging.js';

export const sonarqubeFormat: ReportFormat = {
  id: 'sonarqube',
  displayName: 'SonarQube Web API JSON (api/issues/search, api/hotspots/search)',
  detect: isSonarqubeResponse,
  parse: parseSonarqubeResponse,
};

/**
 * Detects a response of api/issues/search (an `issues` array whose first
 * issue has `key`, `rule` and `component`) or api/hotspots/search (a
 * `hotspots` array whose first hotspot has `ruleKey` or
 * `vulnerabilityProbability`), each with `paging`. An empty page is detected
 * by `paging` beside an empty `issues` or `hotspots` array. SonarQube's error
 * body, `{"errors": [{"msg": …}]}`, is detected too, so that it is rejected
 * with its message.
 */
function isSonarqubeResponse(input: ReportInput): boolean {
  let response: unknown;
  try {
    response = input.json();
  } catch {
    return false;
  }
  if (isErrorBody(response)) {
    return true;
  }
  if (!isObject(field(response, 'paging'))) {
    return false;
  }
  const issues = field(response, 'issues');
  if (Array.isArray(issues)) {
    const first: unknown = issues[0];
    return first === undefined || (field(first, 'key') !== undefined && field(first, 'rule') !== undefined && field(first, 'component') !== undefined);
  }
  const hotspots = field(response, 'hotspots');
  if (Array.isArray(hotspots)) {
    const first: unknown = hotspots[0];
    return first === undefined || field(first, 'ruleKey') !== undefined || field(first, 'vulnerabilityProbability') !== undefined;
  }
  return false;
}

function isErrorBody(response: unknown): boolean {
  const errors = field(response, 'errors');
  return entries(response).length === 1 && Array.isArray(errors) && errors.length > 0 && errors.every((error) => typeof field(error, 'msg') === 'string');
}

function parseSonarqubeResponse(input: ReportInput): ParseResult {
  const response = input.json();
  if (isErrorBody(response)) {
    const message = clip(str(field(arr(field(response, 'errors'))[0], 'msg')), 300);
    throw new ReportRejectedError('tool_error', `SonarQube returned an error instead of results: ${message}`, '/errors/0/msg');
  }
  const issues = field(response, 'issues');
  const hotspots = field(response, 'hotspots');
  if (!isObject(response) || (!Array.isArray(issues) && !Array.isArray(hotspots))) {
    throw new ReportRejectedError('wrong_shape', 'SonarQube response must be a JSON object with an "issues" or "hotspots" array', '');
  }

  const tool: Tool = { name: 'sonarqube', version: null };
  const warnings: ParseWarning[] = [];
  const components = new ComponentPaths(response);
  const items = Array.isArray(issues) ? issues : arr(hotspots);
  const findings = Array.isArray(issues) ? readIssues(issues, components, tool, warnings) : readHotspots(items, components, tool, warnings);
  const complete = checkPaging(response, items.length, warnings);

  return { tool, findings, warnings, assetName: projectOf(items), complete, components: [], secretValues: [] };
}

/**
 * Reads the security issues of a page. BUG and CODE_SMELL issues are about
 * reliability and maintainability, so they are left out with one warning that
 * counts them. Fixed and removed issues are left out silently.
 */
function readIssues(issues: unknown[], components: ComponentPaths, tool: Tool, warnings: ParseWarning[]): ParsedFinding[] {
  const findings: ParsedFinding[] = [];
  let otherTypes = 0;
  issues.forEach((issue, index) => {
    const at = pointer('', 'issues', index);
    const rule = str(field(issue, 'rule'));
    if (!isObject(issue) || rule === null) {
      warnings.push({ message: 'issue is not an object with a "rule"; skipped', location: at });
      return;
    }
    if (!isSecurityIssue(issue)) {
      otherTypes += 1;
      return;
    }
    if (!isResolvedIssue(issue)) {
      findings.push(readIssue(issue, rule, components, tool, at));
    }
  });
  if (otherTypes > 0) {
    warnings.push({ message: `${otherTypes} issues of type BUG or CODE_SMELL are not security findings; skipped`, location: '/issues' });
  }
  return findings;
}

function readHotspots(hotspots: unknown[], components: ComponentPaths, tool: Tool, warnings: ParseWarning[]): ParsedFinding[] {
  const findings: ParsedFinding[] = [];
  hotspots.forEach((hotspot, index) => {
    const at = pointer('', 'hotspots', index);
    const rule = str(field(hotspot, 'ruleKey')) ?? str(field(field(hotspot, 'rule'), 'key'));
    if (!isObject(hotspot) || rule === null) {
      warnings.push({ message: 'hotspot is not an object with a "ruleKey"; skipped', location: at });
      return;
    }
    if (!isFixedHotspot(hotspot)) {
      findings.push(readHotspot(hotspot, rule, components, tool, at));
    }
  });
  return findings;
}

function projectOf(items: unknown[]): string | null {
  for (const item of items) {
    const project = str(field(item, 'project'));
    if (project !== null) {
      return project;
    }
  }
  return null;
}
