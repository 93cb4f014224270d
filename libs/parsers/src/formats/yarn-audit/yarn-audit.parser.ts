import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { field, isObject, str } from '../../json-access.js';
import { readJsonLines } from '../../json-lines.js';
import type { ParseResult, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { parseBerryLines } from './yarn-audit.berry.js';
import { parseClassicLines } from './yarn-audit.classic.js';
import { YARN_AUDIT_TOOL, type YarnAuditContext } from './yarn-audit.context.js';

export const yarnAuditFormat: ReportFormat = {
  id: 'yarn-audit',
  displayName: 'yarn audit JSON Lines (Yarn 1 `yarn audit --json`, Yarn Berry `yarn npm audit --json`)',
  detect: detectYarnAudit,
  parse: parseYarnAudit,
};

// Message types of Yarn 1's --json output other than the audit lines.
const CLASSIC_LOG_TYPES = new Set(['info', 'warning', 'error', 'auditAdvisory', 'auditSummary', 'auditAction']);

function detectYarnAudit(input: ReportInput): boolean {
  let text: string;
  try {
    text = input.text();
  } catch {
    return false;
  }
  const first = readJsonLines(text, 1).records[0]?.value;
  if (isBerryLine(first)) {
    return true;
  }
  // Yarn 1 starts with info lines of the same {type, data} shape as other
  // Yarn commands, so the audit lines must appear somewhere in the output.
  return isClassicLine(first) && (text.includes('"auditSummary"') || text.includes('"auditAdvisory"'));
}

function isClassicLine(value: unknown): boolean {
  const type = str(field(value, 'type'));
  return type !== null && CLASSIC_LOG_TYPES.has(type) && field(value, 'data') !== undefined;
}

function isBerryLine(value: unknown): boolean {
  const children = field(value, 'children');
  return str(field(value, 'value')) !== null && isObject(children) && field(children, 'ID') !== undefined && field(children, 'Severity') !== undefined;
}

function parseYarnAudit(input: ReportInput): ParseResult {
  const { records, errors } = readJsonLines(input.text());
  const [first] = records;
  if (first === undefined) {
    const problem = errors[0];
    throw new ReportRejectedError(
      'invalid_report',
      problem === undefined ? 'yarn audit report has no JSON lines' : `yarn audit report has no valid JSON line: ${problem.message}`,
      problem === undefined ? null : `line ${problem.line}`,
    );
  }

  const context: YarnAuditContext = { warnings: errors.map((error) => ({ message: `line skipped: ${error.message}`, location: `line ${error.line}` })) };
  let findings: ParsedFinding[];
  if (isBerryLine(first.value)) {
    findings = parseBerryLines(records, context);
  } else if (isClassicLine(first.value)) {
    findings = parseClassicLines(records, context);
  } else {
    throw new ReportRejectedError('invalid_report', 'first JSON line is neither a Yarn 1 {type, data} message nor a Yarn Berry {value, children} advisory', `line ${first.line}`);
  }
  return { tool: YARN_AUDIT_TOOL, findings, warnings: context.warnings, assetName: null, complete: true, components: [], secretValues: [] };
}
