import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { field, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { readLeak } from './gitleaks.record.js';

export const gitleaksFormat: ReportFormat = {
  id: 'gitleaks',
  displayName: 'Gitleaks JSON (7.x and 8.x)',
  detect: isGitleaksReport,
  parse: parseGitleaksReport,
};

/**
 * Detects a Gitleaks report: an array whose first leak has the keys of Gitleaks 8
 * (RuleID and Secret) or Gitleaks 7 (rule and offender). Gitleaks writes an
 * empty array or `null` when it finds nothing. Those carry no mark of the
 * tool, so they are not claimed, and `--tool gitleaks` reads them as zero leaks.
 */
function isGitleaksReport(input: ReportInput): boolean {
  let report: unknown;
  try {
    report = input.json();
  } catch {
    return false;
  }
  if (!Array.isArray(report)) {
    return false;
  }
  const first: unknown = report[0];
  const has = (key: string): boolean => field(first, key) !== undefined;
  return (has('RuleID') && has('Secret')) || (has('rule') && has('offender'));
}

function parseGitleaksReport(input: ReportInput): ParseResult {
  const report = input.json();
  const tool: Tool = { name: 'gitleaks', version: null };
  if (report === null) {
    return emptyResult(tool);
  }
  if (!Array.isArray(report)) {
    throw new ReportRejectedError('wrong_shape', 'Gitleaks report must be a JSON array of leaks (or null when there are none)', '');
  }

  const findings: ParsedFinding[] = [];
  const warnings: ParseWarning[] = [];
  const secretValues = new Set<string>();
  report.forEach((leak, index) => {
    const at = pointer('', index);
    const ruleId = str(field(leak, 'RuleID')) ?? str(field(leak, 'rule'));
    if (!isObject(leak) || ruleId === null) {
      warnings.push({ message: 'leak is not an object with a "RuleID" or "rule"; skipped', location: at });
      return;
    }
    const reading = readLeak(leak, ruleId, tool, at);
    findings.push(reading.finding);
    for (const value of reading.secretValues) {
      secretValues.add(value);
    }
  });

  return { tool, findings, warnings, assetName: null, complete: true, components: [], secretValues: [...secretValues] };
}

function emptyResult(tool: Tool): ParseResult {
  return { tool, findings: [], warnings: [], assetName: null, complete: true, components: [], secretValues: [] };
}
