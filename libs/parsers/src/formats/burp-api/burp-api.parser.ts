import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { siteOrigin } from '../../dast-url.js';
import { clip, field, int, isObject, str } from '../../json-access.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { burpApiIssueFinding } from './burp-api.issue.js';

const FINISHED_STATUS = 'succeeded';
const FAILED_STATUS = 'failed';

export const burpApiFormat: ReportFormat = {
  id: 'burp-api',
  displayName: 'Burp Suite REST API scan status JSON (issue_events)',
  detect: isBurpApiReport,
  parse: parseBurpApiReport,
};

/** Detects the response of Burp's GET /scan/{task_id}: an object with an issue_events array and a scan_status. */
function isBurpApiReport(input: ReportInput): boolean {
  if (!input.isJson()) {
    return false;
  }
  const report = input.json();
  return Array.isArray(field(report, 'issue_events')) && typeof field(report, 'scan_status') === 'string';
}

function parseBurpApiReport(input: ReportInput): ParseResult {
  const report = input.json();
  const events = field(report, 'issue_events');
  if (!isObject(report) || !Array.isArray(events)) {
    throw new ReportRejectedError('wrong_shape', 'Burp REST API report must be a JSON object with an "issue_events" array', '');
  }

  const status = str(field(report, 'scan_status'));
  const toolMessage = clip(str(field(report, 'message')), 300);
  if (status === FAILED_STATUS && events.length === 0) {
    throw new ReportRejectedError('tool_error', `Burp scan failed${toolMessage === null ? '' : `: ${toolMessage}`}`, '/scan_status');
  }

  const tool: Tool = { name: 'burp', version: null };
  const warnings: ParseWarning[] = [];
  if (status !== FINISHED_STATUS) {
    warnings.push({ message: `Burp scan_status is "${status ?? 'missing'}", not "${FINISHED_STATUS}", so the issue list may be partial`, location: '/scan_status' });
  }
  checkIssueCount(report, events.length, warnings);

  const findings = events
    .map((event, index) => burpApiIssueFinding(event, index, tool, warnings))
    .filter((finding): finding is ParsedFinding => finding !== null);
  const origins = new Set(events.map((event) => siteOrigin(str(field(field(event, 'issue'), 'origin')))));
  const [onlyOrigin] = origins;

  return {
    tool,
    findings,
    warnings,
    assetName: origins.size === 1 ? (onlyOrigin ?? null) : null,
    // Issues of a scan still crawling or auditing are not all found yet.
    complete: status === FINISHED_STATUS,
    components: [],
    secretValues: [],
  };
}

/** Warns when scan_metrics.issue_events disagrees with the events listed. The listed events are kept as they are. */
function checkIssueCount(report: unknown, listed: number, warnings: ParseWarning[]): void {
  const counted = int(field(field(report, 'scan_metrics'), 'issue_events'));
  if (counted !== null && counted !== listed) {
    warnings.push({ message: `scan_metrics.issue_events is ${counted} but ${listed} issue events are listed`, location: '/scan_metrics/issue_events' });
  }
}
