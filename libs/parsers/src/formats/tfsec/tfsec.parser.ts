import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { entries, field, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { readTfsecResult } from './tfsec.result.js';

export const tfsecFormat: ReportFormat = {
  id: 'tfsec',
  displayName: 'tfsec JSON (0.x and 1.x)',
  detect: isTfsecReport,
  parse: parseTfsecReport,
};

/**
 * Detects a tfsec report: an object whose `results` entries have a `rule_id`
 * and a `location` with a `filename`. tfsec writes `{"results": null}` when it
 * finds nothing (Go's encoding of an empty slice); an object with that single
 * key is claimed too.
 */
function isTfsecReport(input: ReportInput): boolean {
  let report: unknown;
  try {
    report = input.json();
  } catch {
    return false;
  }
  const results = field(report, 'results');
  if (results === null) {
    return entries(report).length === 1;
  }
  if (!Array.isArray(results) || results.length === 0) {
    return false;
  }
  const first: unknown = results[0];
  return field(first, 'rule_id') !== undefined && field(field(first, 'location'), 'filename') !== undefined;
}

function parseTfsecReport(input: ReportInput): ParseResult {
  const report = input.json();
  const results = field(report, 'results');
  const tool: Tool = { name: 'tfsec', version: null };
  if (!isObject(report) || (results !== null && !Array.isArray(results))) {
    throw new ReportRejectedError('wrong_shape', 'tfsec report must be a JSON object with a "results" array (or null when there are none)', '');
  }

  const warnings: ParseWarning[] = [];
  const findings: ParsedFinding[] = [];
  (results ?? []).forEach((result, index) => {
    const at = pointer('', 'results', index);
    const ruleId = str(field(result, 'rule_id'));
    if (!isObject(result) || ruleId === null) {
      warnings.push({ message: 'result is not an object with a "rule_id"; skipped', location: at });
      return;
    }
    if (isPassed(result)) {
      return;
    }
    findings.push(readTfsecResult(result, ruleId, tool, at));
  });

  return { tool, findings, warnings, assetName: null, complete: true, components: [], secretValues: [] };
}

// --include-passed adds passed checks: status "passed" in 1.x, "passed": true in 0.x.
function isPassed(result: unknown): boolean {
  return str(field(result, 'status')) === 'passed' || field(result, 'passed') === true;
}
