import { ReportRejectedError } from '@sieve/domain';
import { field, isObject, str, type JsonObject } from '../../json-access.js';
import type { ParseResult, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { NPM_AUDIT_TOOL, type NpmAuditContext } from './npm-audit.context.js';
import { parseV1Advisories } from './npm-audit.v1.js';
import { parseV2Vulnerabilities } from './npm-audit.v2.js';

export const npmAuditFormat: ReportFormat = {
  id: 'npm-audit',
  displayName: 'npm audit JSON (npm 6 advisories, npm 7+ auditReportVersion 2)',
  detect: detectNpmAudit,
  parse: parseNpmAudit,
};

function detectNpmAudit(input: ReportInput): boolean {
  if (!input.isJson()) {
    return false;
  }
  const report = input.json();
  if (!isObject(report)) {
    return false;
  }
  return isV2(report) || isV1(report) || isErrorEnvelope(report);
}

function isV2(report: JsonObject): boolean {
  return field(report, 'auditReportVersion') !== undefined && isObject(field(report, 'vulnerabilities'));
}

function isV1(report: JsonObject): boolean {
  return isObject(field(report, 'advisories')) && (field(report, 'actions') !== undefined || field(report, 'metadata') !== undefined);
}

/** npm's error output, for example {"error": {"code": "ENOAUDIT", "summary": "...", "detail": ""}}. */
function isErrorEnvelope(report: JsonObject): boolean {
  const error = field(report, 'error');
  return str(field(error, 'code')) !== null && (field(error, 'summary') !== undefined || field(error, 'detail') !== undefined);
}

function parseNpmAudit(input: ReportInput): ParseResult {
  const report = input.json();
  if (!isObject(report)) {
    throw new ReportRejectedError('invalid_report', 'npm audit report is not a JSON object', '');
  }
  if (!isV2(report) && !isV1(report) && isErrorEnvelope(report)) {
    throw toolError(field(report, 'error'));
  }

  const context: NpmAuditContext = { warnings: [] };
  let findings;
  if (isV2(report)) {
    findings = parseV2Vulnerabilities(field(report, 'vulnerabilities'), context);
  } else if (isObject(field(report, 'advisories'))) {
    findings = parseV1Advisories(field(report, 'advisories'), context);
  } else {
    throw new ReportRejectedError('invalid_report', 'npm audit report has neither "vulnerabilities" (npm 7+) nor "advisories" (npm 6)', '');
  }
  return { tool: NPM_AUDIT_TOOL, findings, warnings: context.warnings, assetName: null, complete: true, components: [], secretValues: [] };
}

/** Builds the rejection for npm's error output, which contains no audit result at all. */
function toolError(error: unknown): ReportRejectedError {
  const code = str(field(error, 'code')) ?? 'unknown';
  const summary = str(field(error, 'summary')) ?? str(field(error, 'detail')) ?? 'no summary given';
  return new ReportRejectedError('tool_error', `npm audit failed with error ${code}: ${summary}`, '/error');
}
