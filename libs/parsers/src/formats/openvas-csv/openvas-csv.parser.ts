import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { csvHeader, readCsvTable, type CsvRow, type CsvTable } from '../../csv-table.js';
import { serviceUrl } from '../../dast-url.js';
import { buildFinding } from '../../finding-builder.js';
import { clip } from '../../json-access.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { openvasSeverity } from '../openvas/openvas.severity.js';

const MAX_RESULT_TEXT = 2000;
const OID = 'NVT OID';
const HOST = 'IP';

export const openvasCsvFormat: ReportFormat = {
  id: 'openvas-csv',
  displayName: 'OpenVAS / Greenbone (GVM) CSV results export',
  detect: isOpenvasCsv,
  parse: parseOpenvasCsv,
};

/** Detects GVM's CSV export by its "IP" and "NVT OID" header columns. */
function isOpenvasCsv(input: ReportInput): boolean {
  try {
    const names = new Set((csvHeader(input.text()) ?? []).map((name) => name.trim().toLowerCase()));
    return names.has(OID.toLowerCase()) && names.has(HOST.toLowerCase());
  } catch {
    return false;
  }
}

function parseOpenvasCsv(input: ReportInput): ParseResult {
  const table = readCsvTable(input.text());
  if (table.columnIndex(OID) === null || table.columnIndex(HOST) === null) {
    throw new ReportRejectedError('wrong_shape', `OpenVAS CSV export must have "${HOST}" and "${OID}" columns`, 'line 1');
  }

  const tool: Tool = { name: 'openvas', version: null };
  const warnings: ParseWarning[] = [];
  const findings: ParsedFinding[] = [];
  for (const row of table.rows) {
    const finding = rowFinding(table, row, tool, warnings);
    if (finding !== null) {
      findings.push(finding);
    }
  }
  const hosts = new Set(findings.map((finding) => finding.location.resourceName));
  const [onlyHost] = hosts;

  return { tool, findings, warnings, assetName: hosts.size === 1 ? (onlyHost ?? null) : null, complete: true, components: [], secretValues: [] };
}

/** Maps one result row. Returns null after a warning for a row of the wrong width or without an NVT OID or IP. */
function rowFinding(table: CsvTable, row: CsvRow, tool: Tool, warnings: ParseWarning[]): ParsedFinding | null {
  const at = `line ${row.line}`;
  if (row.cells.length !== table.header.length) {
    warnings.push({ message: `row skipped: it has ${row.cells.length} cells but the header has ${table.header.length}`, location: at });
    return null;
  }
  const oid = table.cell(row, OID);
  const host = table.cell(row, HOST);
  if (oid === null || host === null) {
    warnings.push({ message: `row skipped: "${OID}" or "${HOST}" is missing`, location: at });
    return null;
  }

  const threat = table.cell(row, 'Severity');
  const port = Number(table.cell(row, 'Port') ?? NaN);
  return buildFinding({
    tool,
    category: 'other',
    title: table.cell(row, 'NVT Name') ?? `OpenVAS NVT ${oid}`,
    description: describe(table, row),
    ruleId: oid,
    vulnerabilityIds: (table.cell(row, 'CVEs') ?? '').split(/[\s,]+/).filter((id) => id.toUpperCase().startsWith('CVE-')),
    severity: openvasSeverity(threat, table.cell(row, 'CVSS')),
    toolSeverity: threat,
    references: (table.cell(row, 'Other References') ?? '').split(/[\s,]+/).filter((url) => url.startsWith('http://') || url.startsWith('https://')),
    location: {
      url: serviceUrl(table.cell(row, 'Port Protocol'), host, Number.isInteger(port) ? port : null),
      resourceType: 'host',
      resourceName: host,
    },
    sourcePointer: at,
  });
}

function describe(table: CsvTable, row: CsvRow): string | null {
  const parts = [
    table.cell(row, 'Summary'),
    labelled('Detection result', clip(table.cell(row, 'Specific Result'), MAX_RESULT_TEXT)),
    labelled('Insight', table.cell(row, 'Vulnerability Insight')),
    labelled('Impact', table.cell(row, 'Impact')),
    labelled('Solution', table.cell(row, 'Solution')),
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join('\n\n') : null;
}

function labelled(label: string, value: string | null): string | null {
  return value === null ? null : `${label}: ${value}`;
}
