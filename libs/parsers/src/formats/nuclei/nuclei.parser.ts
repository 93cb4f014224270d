import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { siteOrigin } from '../../dast-url.js';
import { field, isObject, str } from '../../json-access.js';
import { readJsonLines } from '../../json-lines.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { nucleiResultFinding, templateIdOf } from './nuclei.result.js';

const TOOL: Tool = { name: 'nuclei', version: null };

export const nucleiFormat: ReportFormat = {
  id: 'nuclei',
  displayName: 'Nuclei JSONL (-jsonl, v2 and v3) and JSON array (-json-export)',
  detect: isNucleiReport,
  parse: parseNucleiReport,
};

/**
 * Detects Nuclei output: JSON Lines, or the JSON array of -json-export,
 * whose first result has a template id and an "info" object. An empty file
 * (Nuclei's output when nothing matched) cannot be distinguished from other
 * empty files, so it is read only with --tool nuclei.
 */
function isNucleiReport(input: ReportInput): boolean {
  try {
    const first = input.isJson() ? firstRecord(input.json()) : readJsonLines(input.text(), 1).records[0]?.value;
    return templateIdOf(first) !== null && isObject(field(first, 'info'));
  } catch {
    return false;
  }
}

function firstRecord(document: unknown): unknown {
  return Array.isArray(document) ? document[0] : document;
}

function parseNucleiReport(input: ReportInput): ParseResult {
  const text = input.text();
  const warnings: ParseWarning[] = [];
  const findings: ParsedFinding[] = [];
  const hosts = new Set<string>();
  const add = (record: unknown, at: string) => {
    const finding = nucleiResultFinding(record, at, TOOL, warnings);
    const host = str(field(record, 'host'));
    if (finding !== null) {
      findings.push(finding);
      hosts.add(host === null ? '' : (siteOrigin(host) ?? host));
    }
  };

  if (text.trimStart().startsWith('[')) {
    const records = input.json();
    if (!Array.isArray(records)) {
      throw new ReportRejectedError('wrong_shape', 'Nuclei JSON export must be an array of results', '');
    }
    records.forEach((record, index) => add(record, pointer('', index)));
  } else {
    const lines = readJsonLines(text);
    if (lines.records.length === 0 && lines.errors[0] !== undefined) {
      throw new ReportRejectedError('invalid_json', `Nuclei JSON Lines report has no valid line (first error: ${lines.errors[0].message})`, `line ${lines.errors[0].line}`);
    }
    lines.errors.forEach((error) => warnings.push({ message: `line skipped: ${error.message}`, location: `line ${error.line}` }));
    lines.records.forEach((record) => add(record.value, `line ${record.line}`));
  }

  const [onlyHost] = hosts;
  return {
    tool: TOOL,
    findings,
    warnings,
    // The scanned target when every result names the same one: an origin for URLs, else the host as written.
    assetName: hosts.size === 1 && onlyHost !== '' ? (onlyHost ?? null) : null,
    complete: true,
    components: [],
    secretValues: [],
  };
}
