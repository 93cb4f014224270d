import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { arr, field, int, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { readKicsFile } from './kics.file.js';

export const kicsFormat: ReportFormat = {
  id: 'kics',
  displayName: 'KICS JSON (1.x)',
  detect: isKicsReport,
  parse: parseKicsReport,
};

/**
 * Detects a KICS report: an object with a `queries` array and KICS's scan
 * counters (`severity_counters`, `queries_total` or `kics_version`), whose
 * first query, if any, has a `query_id` and `files`.
 */
function isKicsReport(input: ReportInput): boolean {
  let report: unknown;
  try {
    report = input.json();
  } catch {
    return false;
  }
  const queries = field(report, 'queries');
  if (!Array.isArray(queries)) {
    return false;
  }
  const hasCounters = isObject(field(report, 'severity_counters')) || field(report, 'queries_total') !== undefined || field(report, 'kics_version') !== undefined;
  const first: unknown = queries[0];
  return hasCounters && (queries.length === 0 || (field(first, 'query_id') !== undefined && Array.isArray(field(first, 'files'))));
}

function parseKicsReport(input: ReportInput): ParseResult {
  const report = input.json();
  const queries = field(report, 'queries');
  if (!isObject(report) || !Array.isArray(queries)) {
    throw new ReportRejectedError('wrong_shape', 'KICS report must be a JSON object with a "queries" array', '');
  }

  const tool: Tool = { name: 'kics', version: str(field(report, 'kics_version')) };
  const warnings: ParseWarning[] = [];
  const findings: ParsedFinding[] = [];
  queries.forEach((query, queryIndex) => {
    const queryAt = pointer('', 'queries', queryIndex);
    const queryId = str(field(query, 'query_id'));
    if (!isObject(query) || queryId === null) {
      warnings.push({ message: 'query is not an object with a "query_id"; skipped with its files', location: queryAt });
      return;
    }
    arr(field(query, 'files')).forEach((entry, fileIndex) => {
      const at = pointer(queryAt, 'files', fileIndex);
      const fileName = str(field(entry, 'file_name'));
      if (!isObject(entry) || fileName === null) {
        warnings.push({ message: 'file entry is not an object with a "file_name"; skipped', location: at });
        return;
      }
      findings.push(readKicsFile(query, queryId, entry, fileName, tool, at));
    });
  });

  checkTotal(report, queries, warnings);
  return { tool, findings, warnings, assetName: null, complete: readFailures(report, warnings), components: [], secretValues: [] };
}

/** Warns when `total_counter` disagrees with the file entries listed; the listed entries are used. */
function checkTotal(report: unknown, queries: unknown[], warnings: ParseWarning[]): void {
  const counted = int(field(report, 'total_counter'));
  const listed = queries.reduce<number>((sum, query) => sum + arr(field(query, 'files')).length, 0);
  if (counted !== null && counted !== listed) {
    warnings.push({ message: `total_counter says ${counted} results, but the queries list ${listed}; the listed results are used`, location: '/total_counter' });
  }
}

/** Warns about files KICS failed to scan and queries it failed to run; returns false when there were any. */
function readFailures(report: unknown, warnings: ParseWarning[]): boolean {
  let complete = true;
  const counters: Array<[string, string]> = [
    ['files_failed_to_scan', 'files could not be scanned'],
    ['queries_failed_to_execute', 'queries failed to run'],
  ];
  for (const [key, problem] of counters) {
    const count = int(field(report, key));
    if (count !== null && count > 0) {
      warnings.push({ message: `${count} ${problem}; their results are missing`, location: pointer('', key) });
      complete = false;
    }
  }
  return complete;
}
