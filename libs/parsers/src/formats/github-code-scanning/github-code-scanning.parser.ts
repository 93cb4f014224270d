import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { clip, field, isObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { readAlert } from './github-code-scanning.alert.js';
import { text } from './github-code-scanning.value.js';

// The repository part of an alert's html_url.
const REPOSITORY_URL = /^(https:\/\/[^/\s]{1,255}\/[^/\s]{1,100}\/[^/\s]{1,100})\/security\/code-scanning\/\d{1,12}$/;
const MAX_URL_CHARS = 600;

export const githubCodeScanningFormat: ReportFormat = {
  id: 'github-code-scanning',
  displayName: 'GitHub code scanning alerts (REST API JSON)',
  detect: isCodeScanningExport,
  parse: parseCodeScanningExport,
};

interface AlertEntry {
  value: unknown;
  at: string;
}

/**
 * Detects the response of GET /repos/{owner}/{repo}/code-scanning/alerts: an
 * array whose first alert has a `number`, a `rule` object and a
 * `most_recent_instance`. The pages of `gh api --paginate --slurp` (an array
 * of such arrays) are detected too. An empty array carries no mark of the
 * API, so it is not claimed; `--tool github-code-scanning` reads it as zero
 * alerts.
 */
function isCodeScanningExport(input: ReportInput): boolean {
  let report: unknown;
  try {
    report = input.json();
  } catch {
    return false;
  }
  if (!Array.isArray(report)) {
    return false;
  }
  const first: unknown = Array.isArray(report[0]) ? (report[0] as unknown[])[0] : report[0];
  return field(first, 'number') !== undefined && isObject(field(first, 'rule')) && isObject(field(first, 'most_recent_instance'));
}

function parseCodeScanningExport(input: ReportInput): ParseResult {
  const report = input.json();
  const apiError = text(field(report, 'message'));
  if (!Array.isArray(report) && apiError !== null) {
    throw new ReportRejectedError('tool_error', `GitHub API returned an error instead of alerts: ${clip(apiError, 300)}`, '/message');
  }
  if (!Array.isArray(report)) {
    throw new ReportRejectedError('wrong_shape', 'GitHub code scanning export must be the JSON array of alerts the REST API returns', '');
  }

  const tool: Tool = { name: 'github-code-scanning', version: null };
  const warnings: ParseWarning[] = [];
  const findings: ParsedFinding[] = [];
  let assetName: string | null = null;
  for (const entry of alertEntries(report)) {
    const rule = field(entry.value, 'rule');
    const ruleId = text(field(rule, 'id')) ?? text(field(rule, 'name'));
    if (!isObject(entry.value) || ruleId === null) {
      warnings.push({ message: 'alert is not an object with a rule id; skipped', location: entry.at });
      continue;
    }
    // A fixed alert is no longer in the code; it is not a finding.
    if (text(field(entry.value, 'state')) === 'fixed') {
      continue;
    }
    findings.push(readAlert(entry.value, ruleId, tool, entry.at));
    assetName ??= repositoryOf(entry.value);
  }

  return { tool, findings, warnings, assetName, complete: true, components: [], secretValues: [] };
}

/** Lists the alerts of a plain array, or of the pages of a slurped paginated response. */
function alertEntries(report: unknown[]): AlertEntry[] {
  return report.flatMap((item, index) =>
    Array.isArray(item) ? item.map((value, inner) => ({ value: value as unknown, at: pointer('', index, inner) })) : [{ value: item, at: pointer('', index) }],
  );
}

function repositoryOf(alert: unknown): string | null {
  const url = text(field(alert, 'html_url'));
  return url === null || url.length > MAX_URL_CHARS ? null : (REPOSITORY_URL.exec(url)?.[1] ?? null);
}
