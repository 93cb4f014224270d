import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { arr, clip, field, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { readSemgrepResult } from './semgrep.result.js';

const MAX_ERROR_WARNINGS = 50;
const MAX_ERROR_MESSAGE = 300;

export const semgrepFormat: ReportFormat = {
  id: 'semgrep',
  displayName: 'Semgrep JSON (0.x and 1.x)',
  detect: isSemgrepReport,
  parse: parseSemgrepReport,
};

/**
 * Detects a Semgrep report: an object whose `results` entries have a
 * `check_id`. An empty report is `{"results": [], "errors": []}`. Bandit
 * writes the same two arrays, but also `metrics` and `generated_at`.
 */
function isSemgrepReport(input: ReportInput): boolean {
  let report: unknown;
  try {
    report = input.json();
  } catch {
    return false;
  }
  const results = field(report, 'results');
  if (!Array.isArray(results)) {
    return false;
  }
  if (results.length > 0) {
    return field(results[0], 'check_id') !== undefined;
  }
  return Array.isArray(field(report, 'errors')) && field(report, 'metrics') === undefined && field(report, 'generated_at') === undefined;
}

function parseSemgrepReport(input: ReportInput): ParseResult {
  const report = input.json();
  const results = field(report, 'results');
  if (!isObject(report) || !Array.isArray(results)) {
    throw new ReportRejectedError('wrong_shape', 'Semgrep report must be a JSON object with a "results" array', '');
  }

  const tool: Tool = { name: 'semgrep', version: str(field(report, 'version')) };
  const warnings: ParseWarning[] = [];
  const fatalErrors = readErrors(report, warnings);
  if (results.length === 0 && fatalErrors.length > 0) {
    throw new ReportRejectedError('tool_error', `Semgrep reported ${fatalErrors.length} errors and no results; first error: ${fatalErrors[0]}`, '/errors');
  }

  const findings: ParsedFinding[] = [];
  results.forEach((result, index) => {
    const at = pointer('', 'results', index);
    const checkId = str(field(result, 'check_id'));
    if (!isObject(result) || checkId === null) {
      warnings.push({ message: 'result is not an object with a "check_id"; skipped', location: at });
      return;
    }
    findings.push(readSemgrepResult(result, checkId, tool, at));
  });

  return {
    tool,
    findings,
    warnings,
    assetName: null,
    // Errors of level "error" mean a rule or target was not scanned, so results may be missing.
    complete: fatalErrors.length === 0,
    components: [],
    secretValues: [],
  };
}

/**
 * Turns Semgrep's `errors` into warnings (the first 50, then a count) and
 * returns the messages of those with level "error". Errors of level "warn",
 * such as a file Semgrep could not parse, leave the scan complete.
 */
function readErrors(report: unknown, warnings: ParseWarning[]): string[] {
  const errors = arr(field(report, 'errors'));
  const fatal: string[] = [];
  errors.forEach((error, index) => {
    const level = str(field(error, 'level')) ?? 'unknown';
    const text = clip(str(field(error, 'message')) ?? str(field(error, 'type')) ?? 'no message', MAX_ERROR_MESSAGE) ?? '';
    if (level === 'error') {
      fatal.push(text);
    }
    if (index < MAX_ERROR_WARNINGS) {
      warnings.push({ message: `Semgrep error (level ${level}): ${text}`, location: pointer('', 'errors', index) });
    }
  });
  if (errors.length > MAX_ERROR_WARNINGS) {
    warnings.push({ message: `${errors.length - MAX_ERROR_WARNINGS} more Semgrep errors not listed`, location: '/errors' });
  }
  return fatal;
}
