import type { Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { csvHeader, readCsvTable, type CsvTable } from '../../csv-table.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { COLUMNS, nessusRowFinding, rowCves, type NessusRowGroup } from './nessus-csv.row.js';

export const nessusCsvFormat: ReportFormat = {
  id: 'nessus-csv',
  displayName: 'Nessus / Tenable CSV export',
  detect: isNessusCsv,
  parse: parseNessusCsv,
};

/** Detects the CSV export by its header: a plugin id, a plugin name and a host column. */
function isNessusCsv(input: ReportInput): boolean {
  let header: string[] | null;
  try {
    header = csvHeader(input.text());
  } catch {
    return false;
  }
  if (header === null) {
    return false;
  }
  const names = new Set(header.map((name) => name.trim().toLowerCase()));
  const has = (candidates: readonly string[]) => candidates.some((name) => names.has(name.toLowerCase()));
  return has(COLUMNS.plugin) && has(COLUMNS.name) && has(COLUMNS.host);
}

function parseNessusCsv(input: ReportInput): ParseResult {
  const table = readCsvTable(input.text());
  for (const [what, names] of [['plugin id', COLUMNS.plugin], ['host', COLUMNS.host]] as const) {
    if (table.columnIndex(...names) === null) {
      throw new ReportRejectedError('wrong_shape', `Nessus CSV export has no ${what} column (expected one of: ${names.join(', ')})`, 'line 1');
    }
  }

  const tool: Tool = { name: 'nessus', version: null };
  const warnings: ParseWarning[] = [];
  const groups = groupRows(table, warnings);
  const findings = [...groups.values()].map((group) => nessusRowFinding(table, group, tool, warnings));
  const hosts = new Set([...groups.values()].map((group) => table.cell(group.row, ...COLUMNS.host)));
  const [onlyHost] = hosts;

  return {
    tool,
    findings,
    warnings,
    assetName: hosts.size === 1 ? (onlyHost ?? null) : null,
    complete: true,
    components: [],
    secretValues: [],
  };
}

/**
 * Groups rows by plugin, host, protocol and port, collecting the CVEs of
 * each group: Nessus Professional writes one row per CVE of a plugin result.
 * Blank rows (all cells empty, as spreadsheet round trips leave) are counted
 * in one warning at the line of the first. A row with a different cell count than the header, or
 * without a plugin id or host, is skipped with a warning naming its line.
 */
function groupRows(table: CsvTable, warnings: ParseWarning[]): Map<string, NessusRowGroup> {
  const groups = new Map<string, NessusRowGroup>();
  let blankRows = 0;
  let firstBlankLine = 0;
  for (const row of table.rows) {
    const at = `line ${row.line}`;
    if (row.cells.every((cell) => cell.trim() === '')) {
      firstBlankLine = blankRows === 0 ? row.line : firstBlankLine;
      blankRows += 1;
      continue;
    }
    if (row.cells.length !== table.header.length) {
      warnings.push({ message: `row skipped: it has ${row.cells.length} cells but the header has ${table.header.length}`, location: at });
      continue;
    }
    const pluginId = table.cell(row, ...COLUMNS.plugin);
    const host = table.cell(row, ...COLUMNS.host);
    if (pluginId === null || host === null) {
      warnings.push({ message: 'row skipped: plugin id or host is missing', location: at });
      continue;
    }
    const key = [pluginId, host, table.cell(row, ...COLUMNS.protocol) ?? '', table.cell(row, ...COLUMNS.port) ?? ''].join('\u0000');
    const group = groups.get(key) ?? { row, cves: new Set<string>() };
    rowCves(table, row).forEach((id) => group.cves.add(id));
    groups.set(key, group);
  }
  if (blankRows > 0) {
    warnings.push({ message: `${blankRows} blank rows skipped`, location: `line ${firstBlankLine}` });
  }
  return groups;
}
