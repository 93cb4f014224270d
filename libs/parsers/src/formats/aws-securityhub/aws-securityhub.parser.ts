import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { field, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { readAsffFinding } from './aws-securityhub.finding.js';

export const awsSecurityhubFormat: ReportFormat = {
  id: 'aws-securityhub',
  displayName: 'AWS Security Hub findings (ASFF 2018-10-08)',
  detect: isAsffReport,
  parse: parseAsffReport,
};

/**
 * Detects ASFF findings: the `{"Findings": [...]}` body of
 * `aws securityhub get-findings`, or a bare array of findings, whose first
 * finding has SchemaVersion, ProductArn and AwsAccountId. An empty
 * `{"Findings": []}` is claimed too, since that key is ASFF's own.
 */
function isAsffReport(input: ReportInput): boolean {
  let report: unknown;
  try {
    report = input.json();
  } catch {
    return false;
  }
  const findings = Array.isArray(report) ? report : field(report, 'Findings');
  if (!Array.isArray(findings)) {
    return false;
  }
  const first: unknown = findings[0];
  if (first === undefined) {
    return !Array.isArray(report);
  }
  return field(first, 'SchemaVersion') !== undefined && field(first, 'ProductArn') !== undefined && field(first, 'AwsAccountId') !== undefined;
}

function parseAsffReport(input: ReportInput): ParseResult {
  const report = input.json();
  const findings = Array.isArray(report) ? report : field(report, 'Findings');
  if (!Array.isArray(findings)) {
    throw new ReportRejectedError('wrong_shape', 'AWS Security Hub report must be a JSON object with a "Findings" array, or an array of ASFF findings', '');
  }
  const base = Array.isArray(report) ? '' : '/Findings';

  const tool: Tool = { name: 'aws-securityhub', version: null };
  const warnings: ParseWarning[] = [];
  const parsed: ParsedFinding[] = [];
  const accounts = new Set<string>();
  findings.forEach((finding, index) => {
    const at = pointer(base, index);
    const id = str(field(finding, 'Id'));
    if (!isObject(finding) || id === null) {
      warnings.push({ message: 'finding is not an object with an "Id"; skipped', location: at });
      return;
    }
    if (isClosed(finding)) {
      return;
    }
    parsed.push(...readAsffFinding(finding, id, tool, at, warnings));
    const account = str(field(finding, 'AwsAccountId'));
    if (account !== null) {
      accounts.add(account);
    }
  });

  return { tool, findings: parsed, warnings, assetName: assetOf(parsed, accounts), complete: readNextToken(report, warnings), components: [], secretValues: [] };
}

/**
 * True for a finding that no longer describes an open problem: archived
 * (RecordState ARCHIVED), resolved in the workflow, or a control check that
 * passed or could not run (Compliance.Status PASSED or NOT_AVAILABLE).
 */
function isClosed(finding: unknown): boolean {
  const workflow = str(field(field(finding, 'Workflow'), 'Status')) ?? str(field(finding, 'WorkflowState'));
  const compliance = str(field(field(finding, 'Compliance'), 'Status'));
  return str(field(finding, 'RecordState')) === 'ARCHIVED' || workflow === 'RESOLVED' || compliance === 'PASSED' || compliance === 'NOT_AVAILABLE';
}

/** Warns and returns false when a NextToken shows that get-findings has more pages than this one. */
function readNextToken(report: unknown, warnings: ParseWarning[]): boolean {
  if (str(field(report, 'NextToken')) === null) {
    return true;
  }
  warnings.push({ message: 'the response has a NextToken, so it is one page of the findings; fetch every page for a complete result', location: '/NextToken' });
  return false;
}

/** Returns the one ECR image every finding is about, else the one account written "aws:<account id>", else null. */
function assetOf(findings: ParsedFinding[], accounts: Set<string>): string | null {
  const images = new Set(findings.map((finding) => finding.location.image));
  const [image] = images;
  if (images.size === 1 && image !== null && image !== undefined) {
    return image;
  }
  const [account] = accounts;
  return accounts.size === 1 && account !== undefined ? `aws:${account}` : null;
}
