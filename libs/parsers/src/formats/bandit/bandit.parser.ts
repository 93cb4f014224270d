import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { arr, clip, field, isObject, num, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { readBanditResult } from './bandit.result.js';

const MAX_ERROR_WARNINGS = 50;
const MAX_ERROR_MESSAGE = 300;

export const banditFormat: ReportFormat = {
  id: 'bandit',
  displayName: 'Bandit JSON (1.x)',
  detect: isBanditReport,
  parse: parseBanditReport,
};

/**
 * Detects a Bandit report: an object with `results`, `errors`, `metrics` and
 * `generated_at`, whose first result (if any) has a `test_id` and an
 * `issue_severity`. The `metrics` object distinguishes an empty Bandit report
 * from an empty Semgrep report, which has only `results` and `errors`.
 */
function isBanditReport(input: ReportInput): boolean {
  let report: unknown;
  try {
    report = input.json();
  } catch {
    return false;
  }
  const results = field(report, 'results');
  if (!Array.isArray(results) || !isObject(field(report, 'metrics')) || field(report, 'generated_at') === undefined) {
    return false;
  }
  if (results.length === 0) {
    return true;
  }
  const first: unknown = results[0];
  return field(first, 'test_id') !== undefined && field(first, 'issue_severity') !== undefined;
}

function parseBanditReport(input: ReportInput): ParseResult {
  const report = input.json();
  const results = field(report, 'results');
  if (!isObject(report) || !Array.isArray(results)) {
    throw new ReportRejectedError('wrong_shape', 'Bandit report must be a JSON object with a "results" array', '');
  }

  // Bandit's JSON has no version field.
  const tool: Tool = { name: 'bandit', version: null };
  const warnings: ParseWarning[] = [];
  const fileErrors = readErrors(report, warnings);

  const findings: ParsedFinding[] = [];
  results.forEach((result, index) => {
    const at = pointer('', 'results', index);
    const testId = str(field(result, 'test_id'));
    if (!isObject(result) || testId === null) {
      warnings.push({ message: 'result is not an object with a "test_id"; skipped', location: at });
      return;
    }
    findings.push(readBanditResult(result, testId, tool, at));
  });
  checkTotals(report, results.length, warnings);

  return {
    tool,
    findings,
    warnings,
    assetName: null,
    // Bandit lists a file it could not parse in `errors`; issues in that file are missing.
    complete: fileErrors === 0,
    components: [],
    secretValues: [],
  };
}

const SEVERITY_TOTALS = ['SEVERITY.HIGH', 'SEVERITY.MEDIUM', 'SEVERITY.LOW', 'SEVERITY.UNDEFINED'];

/** Warns when the severity counts in `metrics._totals` add up to another number than the results listed; the listed results are used. */
function checkTotals(report: unknown, listed: number, warnings: ParseWarning[]): void {
  const totals = field(field(report, 'metrics'), '_totals');
  const counts = SEVERITY_TOTALS.map((key) => num(field(totals, key)));
  if (counts.some((count) => count === null)) {
    return;
  }
  const counted = counts.reduce<number>((sum, count) => sum + (count ?? 0), 0);
  if (counted !== listed) {
    warnings.push({ message: `metrics._totals counts ${counted} issues, but results lists ${listed}; the listed results are used`, location: '/metrics/_totals' });
  }
}

/** Turns Bandit's per-file `errors` into warnings (the first 50, then a count) and returns how many there are. */
function readErrors(report: unknown, warnings: ParseWarning[]): number {
  const errors = arr(field(report, 'errors'));
  errors.slice(0, MAX_ERROR_WARNINGS).forEach((error, index) => {
    const file = str(field(error, 'filename')) ?? 'unknown file';
    const reason = clip(str(field(error, 'reason')) ?? 'no reason given', MAX_ERROR_MESSAGE);
    warnings.push({ message: `Bandit could not scan ${clip(file, MAX_ERROR_MESSAGE)}: ${reason}`, location: pointer('', 'errors', index) });
  });
  if (errors.length > MAX_ERROR_WARNINGS) {
    warnings.push({ message: `${errors.length - MAX_ERROR_WARNINGS} more Bandit errors not listed`, location: '/errors' });
  }
  return errors.length;
}
