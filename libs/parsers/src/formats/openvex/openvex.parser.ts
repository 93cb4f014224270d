import { ReportRejectedError } from '@sieve/domain';
import { field, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { statementFindings, type OpenVexContext } from './openvex.statement.js';

export const openvexFormat: ReportFormat = {
  id: 'openvex',
  displayName: 'OpenVEX JSON (0.0.x drafts and 0.2.0)',
  detect: detectOpenVex,
  parse: parseOpenVex,
};

const OPENVEX_CONTEXT = 'https://openvex.dev/ns';

function detectOpenVex(input: ReportInput): boolean {
  if (!input.isJson()) {
    return false;
  }
  const report = input.json();
  return str(field(report, '@context'))?.startsWith(OPENVEX_CONTEXT) === true && Array.isArray(field(report, 'statements'));
}

/**
 * Reads the statements of an OpenVEX document. complete is false: a VEX
 * document states what its author decided about some vulnerabilities, it
 * does not scan, so a statement missing from a later document closes nothing.
 */
function parseOpenVex(input: ReportInput): ParseResult {
  const report = input.json();
  const statements = field(report, 'statements');
  if (!isObject(report) || !Array.isArray(statements)) {
    throw new ReportRejectedError('invalid_report', 'OpenVEX document is not a JSON object with a "statements" array', '');
  }
  const context: OpenVexContext = { tool: { name: 'openvex', version: null }, warnings: [] };
  const findings = statements.flatMap((statement, index) => statementFindings(statement, pointer('/statements', index), context));
  return { tool: context.tool, findings, warnings: context.warnings, assetName: null, complete: false, components: [], secretValues: [] };
}
