import type { Cvss, ParsedFinding, Severity, Tool } from '@sieve/contracts';
import { severityFromCvssScore } from '@sieve/domain';
import { addCvssVector, severityFromVectors, withVersionPrefix } from '../../cvss-vectors.js';
import type { CsvRow, CsvTable } from '../../csv-table.js';
import { serviceUrl } from '../../dast-url.js';
import { buildFinding } from '../../finding-builder.js';
import { clip } from '../../json-access.js';
import type { ParseWarning } from '../../report-format.js';
import { MAX_PLUGIN_OUTPUT, seeAlsoUrls } from '../nessus/nessus.item.js';
import { nessusRiskWord } from '../nessus/nessus.severity.js';

/** Column names of the Nessus Professional export first, then those of the Tenable.sc / Tenable.io export. */
export const COLUMNS = {
  plugin: ['Plugin ID', 'Plugin'],
  name: ['Name', 'Plugin Name'],
  risk: ['Risk', 'Severity', 'Risk Factor'],
  host: ['Host', 'IP Address', 'DNS Name'],
  protocol: ['Protocol'],
  port: ['Port'],
  cve: ['CVE'],
} as const;

const CVSS_V2_VECTOR = ['CVSS V2 Vector', 'CVSS v2.0 Vector'];
const CVSS_V3_VECTOR = ['CVSS V3 Vector', 'CVSS v3.0 Vector'];
const CVSS_SCORES = ['CVSS V3 Base Score', 'CVSS v3.0 Base Score', 'CVSS V2 Base Score', 'CVSS v2.0 Base Score', 'CVSS'];

/** One finding's rows: the Nessus Professional export repeats a plugin's row once per CVE. */
export interface NessusRowGroup {
  row: CsvRow;
  cves: Set<string>;
}

/** Maps a group of rows of one plugin on one host, protocol and port. `row` is the group's first row. */
export function nessusRowFinding(table: CsvTable, group: NessusRowGroup, tool: Tool, warnings: ParseWarning[]): ParsedFinding {
  const { row } = group;
  const at = `line ${row.line}`;
  const pluginId = table.cell(row, ...COLUMNS.plugin) ?? '';
  const host = table.cell(row, ...COLUMNS.host) ?? '';
  const riskWord = table.cell(row, ...COLUMNS.risk);
  const cvss = readCvss(table, row, at, warnings);
  const port = Number(table.cell(row, ...COLUMNS.port) ?? NaN);

  return buildFinding({
    tool,
    category: 'other',
    title: table.cell(row, ...COLUMNS.name) ?? `Nessus plugin ${pluginId}`,
    description: describe(table, row),
    ruleId: pluginId,
    vulnerabilityIds: [...group.cves],
    cwes: crossReferenceCwes(table.cell(row, 'Cross References')),
    severity: riskWord === null ? severityWithoutWord(table, row, cvss) : nessusRiskWord(riskWord),
    toolSeverity: riskWord,
    cvss,
    references: seeAlsoUrls(table.cell(row, 'See Also')),
    location: {
      url: serviceUrl(table.cell(row, ...COLUMNS.protocol), host, Number.isInteger(port) ? port : null),
      resourceType: 'host',
      resourceName: host,
    },
    sourcePointer: at,
  });
}

/** Reads the CVE ids of a row's CVE cell, which contains one id or several separated by commas or line breaks. */
export function rowCves(table: CsvTable, row: CsvRow): string[] {
  return (table.cell(row, ...COLUMNS.cve) ?? '')
    .split(/[\s,]+/)
    .filter((id) => id !== '');
}

/**
 * Vectors of the CSV export. It writes v3 vectors without their "CVSS:3.x/"
 * prefix and does not say which 3.x version, so they are read as 3.0.
 */
function readCvss(table: CsvTable, row: CsvRow, at: string, warnings: ParseWarning[]): Cvss[] {
  const cvss: Cvss[] = [];
  const v3 = table.cell(row, ...CVSS_V3_VECTOR);
  const v2 = table.cell(row, ...CVSS_V2_VECTOR);
  if (v3 !== null) {
    // NOTE: the export does not say 3.0 or 3.1, which give the same base score for nearly every vector.
    addCvssVector(cvss, withVersionPrefix(v3, '3.0'), null, at, warnings);
  }
  if (v2 !== null) {
    addCvssVector(cvss, v2, null, at, warnings);
  }
  return cvss;
}

function severityWithoutWord(table: CsvTable, row: CsvRow, cvss: Cvss[]): Severity {
  if (cvss.length > 0) {
    return severityFromVectors(cvss);
  }
  const score = Number(table.cell(row, ...CVSS_SCORES) ?? NaN);
  return Number.isFinite(score) && score >= 0 && score <= 10 ? severityFromCvssScore(score) : 'unknown';
}

/** CWE ids in the Cross References cell ("CERT #836068,CWE #310"). */
function crossReferenceCwes(value: string | null): string[] {
  if (value === null) {
    return [];
  }
  return value
    .slice(0, 10_000)
    .split(/[,\n]/)
    .map((reference) => /^\s*CWE\s?[#:]\s?(\d{1,5})\s*$/i.exec(reference)?.[1])
    .filter((id): id is string => id !== undefined)
    .map((id) => `CWE-${id}`);
}

function describe(table: CsvTable, row: CsvRow): string | null {
  const output = table.cell(row, 'Plugin Output', 'Plugin Text');
  // Tenable exports start the plugin text with its own "Plugin Output:" label.
  const withoutLabel = output?.replace(/^Plugin Output:\s*/, '') ?? null;
  const parts = [
    table.cell(row, 'Synopsis'),
    table.cell(row, 'Description'),
    labelled('Solution', table.cell(row, 'Solution')),
    labelled('Plugin output (excerpt)', clip(withoutLabel === '' ? null : withoutLabel, MAX_PLUGIN_OUTPUT)),
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join('\n\n') : null;
}

function labelled(label: string, value: string | null): string | null {
  return value === null || value === 'n/a' ? null : `${label}: ${value}`;
}
