import type { ParsedFinding } from '@sieve/contracts';
import { arr, field, isObject, str, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import type { TrivyScan, TrivyTarget } from './trivy.context.js';
import { misconfigurationFinding } from './trivy.misconfiguration.js';
import { reportAssetName } from './trivy.report.js';
import { secretFinding } from './trivy.secret.js';
import { streamTrivy } from './trivy.stream.js';
import { checkTrivyReport, describeTarget, listAt, newScan } from './trivy.target.js';
import { vulnerabilityFinding } from './trivy.vulnerability.js';

export const trivyFormat: ReportFormat = {
  id: 'trivy',
  displayName: 'Trivy JSON (SchemaVersion 2, and the array written before Trivy 0.20)',
  detect: detectTrivy,
  parse: parseTrivy,
  parseStream: (source) => streamTrivy(source),
  detectHead: looksLikeTrivy,
};

// The same markers as detectTrivy, looked for in the start of the report.
function looksLikeTrivy(head: string): boolean {
  const start = head.trimStart();
  if (start.startsWith('[')) {
    return /^\[\s*\{/.test(start) && /"Target"\s*:/.test(start) && /"(Vulnerabilities|Type)"\s*:/.test(start);
  }
  return start.startsWith('{') && /"SchemaVersion"\s*:/.test(start) && /"ArtifactName"\s*:|"Results"\s*:\s*\[/.test(start);
}

function detectTrivy(input: ReportInput): boolean {
  if (!input.isJson()) {
    return false;
  }
  const report = input.json();
  if (Array.isArray(report)) {
    const first: unknown = report[0];
    return str(field(first, 'Target')) !== null && (field(first, 'Vulnerabilities') !== undefined || str(field(first, 'Type')) !== null);
  }
  return field(report, 'SchemaVersion') !== undefined && (Array.isArray(field(report, 'Results')) || str(field(report, 'ArtifactName')) !== null);
}

function parseTrivy(input: ReportInput): ParseResult {
  const report = input.json();
  if (Array.isArray(report)) {
    return parseResults(report, '', newScan(null, true));
  }
  checkTrivyReport(report);
  return { ...parseResults(arr(field(report, 'Results')), '/Results', newScan(report, false)), assetName: reportAssetName(report) };
}

function parseResults(results: unknown[], base: string, scan: TrivyScan): ParseResult {
  const findings: ParsedFinding[] = [];
  results.forEach((result, index) => {
    const location = pointer(base, index);
    if (!isObject(result)) {
      scan.warnings.push({ message: 'result that is not an object skipped', location });
      return;
    }
    findings.push(...targetFindings(result, describeTarget(result, location, scan)));
  });
  return { tool: scan.tool, findings, warnings: scan.warnings, assetName: null, complete: true, components: [], secretValues: scan.secretValues };
}

function targetFindings(result: JsonObject, target: TrivyTarget): ParsedFinding[] {
  const findings: Array<ParsedFinding | null> = [
    ...listAt(result, 'Vulnerabilities', target).map((record, index) => vulnerabilityFinding(record, index, target)),
    ...listAt(result, 'Misconfigurations', target).map((record, index) => misconfigurationFinding(record, index, target)),
    ...listAt(result, 'Secrets', target).map((record, index) => secretFinding(record, index, target)),
  ];
  return findings.filter((finding): finding is ParsedFinding => finding !== null);
}
