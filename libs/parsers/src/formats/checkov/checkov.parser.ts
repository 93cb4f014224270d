import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { arr, clip, field, int, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { readCheckovCheck } from './checkov.check.js';

const MAX_PARSING_ERROR_WARNINGS = 50;

export const checkovFormat: ReportFormat = {
  id: 'checkov',
  displayName: 'Checkov JSON (1.x to 3.x)',
  detect: isCheckovReport,
  parse: parseCheckovReport,
};

/** One framework's report, with the pointer it sits at ('' for a single object). */
interface FrameworkReport {
  value: unknown;
  at: string;
}

/**
 * Detects a Checkov report. That is one framework object (`check_type` plus a
 * `results` object with `failed_checks` or `passed_checks`), or an array of
 * them (one per framework, Checkov 2 and later). It may also be the bare
 * summary with `checkov_version` that Checkov prints when it found nothing to scan.
 */
function isCheckovReport(input: ReportInput): boolean {
  let report: unknown;
  try {
    report = input.json();
  } catch {
    return false;
  }
  const first: unknown = Array.isArray(report) ? report[0] : report;
  return isFramework(first) || (!Array.isArray(report) && isBareSummary(report));
}

function isFramework(value: unknown): boolean {
  const results = field(value, 'results');
  return typeof field(value, 'check_type') === 'string' && (Array.isArray(field(results, 'failed_checks')) || Array.isArray(field(results, 'passed_checks')));
}

function isBareSummary(value: unknown): boolean {
  return field(value, 'checkov_version') !== undefined && field(value, 'failed') !== undefined && field(value, 'results') === undefined;
}

function parseCheckovReport(input: ReportInput): ParseResult {
  const report = input.json();
  const warnings: ParseWarning[] = [];
  if (isBareSummary(report)) {
    return result({ name: 'checkov', version: str(field(report, 'checkov_version')) }, [], warnings, true);
  }

  const frameworks = frameworksOf(report);
  const tool: Tool = { name: 'checkov', version: str(field(field(frameworks[0]?.value, 'summary'), 'checkov_version')) };
  const findings: ParsedFinding[] = [];
  let complete = true;
  for (const framework of frameworks) {
    if (!isObject(framework.value) || !isObject(field(framework.value, 'results'))) {
      warnings.push({ message: 'framework report is not an object with "results"; skipped', location: framework.at || '/' });
      complete = false;
      continue;
    }
    const failed = readFailedChecks(framework, tool, warnings);
    findings.push(...failed);
    checkSummary(framework, arr(field(field(framework.value, 'results'), 'failed_checks')).length, warnings);
    complete = readParsingErrors(framework, warnings) && complete;
  }
  return result(tool, findings, warnings, complete);
}

function frameworksOf(report: unknown): FrameworkReport[] {
  if (Array.isArray(report)) {
    return report.map((value, index) => ({ value, at: pointer('', index) }));
  }
  if (isObject(report) && isObject(field(report, 'results'))) {
    return [{ value: report, at: '' }];
  }
  throw new ReportRejectedError('wrong_shape', 'Checkov report must be a framework object with "check_type" and "results", or an array of them', '');
}

function readFailedChecks(framework: FrameworkReport, tool: Tool, warnings: ParseWarning[]): ParsedFinding[] {
  const checkType = str(field(framework.value, 'check_type'));
  const failedChecks = field(field(framework.value, 'results'), 'failed_checks');
  const findings: ParsedFinding[] = [];
  arr(failedChecks).forEach((check, index) => {
    const at = pointer(framework.at, 'results', 'failed_checks', index);
    const checkId = str(field(check, 'check_id'));
    if (!isObject(check) || checkId === null) {
      warnings.push({ message: 'failed check is not an object with a "check_id"; skipped', location: at });
      return;
    }
    findings.push(readCheckovCheck(check, checkId, checkType, tool, at));
  });
  return findings;
}

/** Warns when `summary.failed` disagrees with the failed checks listed; the listed checks are kept as they are. */
function checkSummary(framework: FrameworkReport, listed: number, warnings: ParseWarning[]): void {
  const counted = int(field(field(framework.value, 'summary'), 'failed'));
  if (counted !== null && counted !== listed) {
    warnings.push({
      message: `summary.failed counts ${counted} failed checks, but results.failed_checks lists ${listed}; the listed checks are used`,
      location: pointer(framework.at, 'summary', 'failed'),
    });
  }
}

/** Warns for each file Checkov could not parse; returns false when there was one, since its checks are missing. */
function readParsingErrors(framework: FrameworkReport, warnings: ParseWarning[]): boolean {
  const errors = arr(field(field(framework.value, 'results'), 'parsing_errors'));
  errors.slice(0, MAX_PARSING_ERROR_WARNINGS).forEach((file, index) => {
    warnings.push({ message: `Checkov could not parse ${clip(str(file), 300) ?? 'a file'}; its checks are missing`, location: pointer(framework.at, 'results', 'parsing_errors', index) });
  });
  if (errors.length > MAX_PARSING_ERROR_WARNINGS) {
    warnings.push({ message: `${errors.length - MAX_PARSING_ERROR_WARNINGS} more parsing errors not listed`, location: pointer(framework.at, 'results', 'parsing_errors') });
  }
  return errors.length === 0;
}

function result(tool: Tool, findings: ParsedFinding[], warnings: ParseWarning[], complete: boolean): ParseResult {
  return { tool, findings, warnings, assetName: null, complete, components: [], secretValues: [] };
}
