import type { ParsedFinding } from '@sieve/contracts';
import { normalizeRepoPath, ReportRejectedError } from '@sieve/domain';
import { arr, field, isObject, str, strings, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { OSV_SCANNER_TOOL, type OsvPackageContext } from './osv-scanner.context.js';
import { groupFinding, type OsvRecord } from './osv-scanner.group.js';

export const osvScannerFormat: ReportFormat = {
  id: 'osv-scanner',
  displayName: 'OSV-Scanner JSON (v1 `--format json`)',
  detect: detectOsvScanner,
  parse: parseOsvScanner,
};

const TOP_LEVEL_KEYS = new Set(['results', 'experimental_config']);

function detectOsvScanner(input: ReportInput): boolean {
  if (!input.isJson()) {
    return false;
  }
  const report = input.json();
  const results = field(report, 'results');
  if (!isObject(report) || !Array.isArray(results)) {
    return false;
  }
  if (results.length === 0) {
    // `{"results": []}` only: another tool's empty "results" has other keys beside it.
    return Object.keys(report).every((key) => TOP_LEVEL_KEYS.has(key));
  }
  const first: unknown = results[0];
  return isObject(field(first, 'source')) && Array.isArray(field(first, 'packages'));
}

function parseOsvScanner(input: ReportInput): ParseResult {
  if (input.size === 0 || input.text().trim() === '') {
    // An empty file is what a failed or interrupted run leaves. Reading it as
    // zero findings would close every open finding of the asset.
    const content = input.size === 0 ? 'empty (0 bytes)' : 'only white space';
    throw new ReportRejectedError('empty_report', `osv-scanner report is ${content}, so it contains no scan result`, null);
  }
  const report = input.json();
  const results = field(report, 'results');
  if (!isObject(report) || !Array.isArray(results)) {
    throw new ReportRejectedError('invalid_report', 'osv-scanner report is not a JSON object with a "results" array', '');
  }

  const warnings: ParseWarning[] = [];
  const findings: ParsedFinding[] = [];
  results.forEach((result, resultIndex) => {
    const resultAt = pointer('/results', resultIndex);
    const sourcePath = str(field(field(result, 'source'), 'path'));
    arr(field(result, 'packages')).forEach((entry, packageIndex) => {
      const at = pointer(resultAt, 'packages', packageIndex);
      if (!isObject(entry) || !isObject(field(entry, 'package'))) {
        warnings.push({ message: 'package entry without a "package" object skipped', location: at });
        return;
      }
      findings.push(...packageFindings(entry, at, describePackage(entry, sourcePath, warnings)));
    });
  });
  return { tool: OSV_SCANNER_TOOL, findings, warnings, assetName: null, complete: true, components: [], secretValues: [] };
}

function describePackage(entry: JsonObject, sourcePath: string | null, warnings: ParseWarning[]): OsvPackageContext {
  const pkg = field(entry, 'package');
  return {
    ecosystem: str(field(pkg, 'ecosystem')) ?? '',
    name: str(field(pkg, 'name')) ?? '',
    version: str(field(pkg, 'version')),
    purl: str(field(pkg, 'purl')),
    commit: str(field(pkg, 'commit')),
    sourcePath: sourcePath === null ? null : normalizeRepoPath(sourcePath).replace(/\/+$/, ''),
    warnings,
  };
}

/**
 * Builds one finding per entry of groups[]. osv-scanner groups the records
 * that are aliases of each other (a GHSA and a PYSEC record of one CVE), so a
 * group is one vulnerability. A record that no group names, or every record of a
 * report without groups (older versions), is a finding of its own.
 */
function packageFindings(entry: JsonObject, at: string, pkg: OsvPackageContext): ParsedFinding[] {
  const records = new Map<string, OsvRecord>();
  arr(field(entry, 'vulnerabilities')).forEach((record, index) => {
    const recordAt = pointer(at, 'vulnerabilities', index);
    const id = str(field(record, 'id'));
    if (!isObject(record) || id === null) {
      pkg.warnings.push({ message: 'OSV record without "id" skipped', location: recordAt });
      return;
    }
    records.set(id, { record, pointer: recordAt });
  });

  const findings: ParsedFinding[] = [];
  const grouped = new Set<string>();
  arr(field(entry, 'groups')).forEach((group, index) => {
    const groupAt = pointer(at, 'groups', index);
    const ids = strings(field(group, 'ids'));
    if (ids.length === 0) {
      pkg.warnings.push({ message: 'group without "ids" skipped', location: groupAt });
      return;
    }
    ids.forEach((id) => grouped.add(id));
    const members = ids.map((id) => records.get(id)).filter((member): member is OsvRecord => member !== undefined);
    findings.push(groupFinding(ids, strings(field(group, 'aliases')), members, str(field(group, 'max_severity')), groupAt, pkg));
  });
  for (const [id, record] of records) {
    if (!grouped.has(id)) {
      findings.push(groupFinding([id], [], [record], null, record.pointer, pkg));
    }
  }
  return findings;
}
