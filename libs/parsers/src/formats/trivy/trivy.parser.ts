import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { arr, field, isObject, str, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import type { TrivyScan, TrivyTarget } from './trivy.context.js';
import { misconfigurationFinding } from './trivy.misconfiguration.js';
import { isOsFamily } from './trivy.package.js';
import { imageReference, reportAssetName, reportOs, targetOs } from './trivy.report.js';
import { secretFinding } from './trivy.secret.js';
import { vulnerabilityFinding } from './trivy.vulnerability.js';

export const trivyFormat: ReportFormat = {
  id: 'trivy',
  displayName: 'Trivy JSON (SchemaVersion 2, and the array written before Trivy 0.20)',
  detect: detectTrivy,
  parse: parseTrivy,
};

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
  if (!isObject(report)) {
    throw new ReportRejectedError('invalid_report', 'Trivy report is neither an object with "Results" nor the legacy array of results', '');
  }
  const results = field(report, 'Results');
  if (results !== undefined && results !== null && !Array.isArray(results)) {
    throw new ReportRejectedError('invalid_report', 'Trivy report field "Results" is not an array', '/Results');
  }
  return { ...parseResults(arr(results), '/Results', newScan(report, false)), assetName: reportAssetName(report) };
}

function newScan(report: JsonObject | null, isLegacy: boolean): TrivyScan {
  const isImage = str(field(report, 'ArtifactType')) === 'container_image';
  const metadata = field(report, 'Metadata');
  return {
    tool: { name: 'trivy', version: str(field(field(report, 'Trivy'), 'Version')) },
    isImage,
    isLegacy,
    image: isImage && report !== null ? imageReference(report).name : null,
    imageDigest: isImage && report !== null ? imageReference(report).digest : null,
    os: reportOs(metadata),
    warnings: [],
    secretValues: [],
  };
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

function describeTarget(result: JsonObject, location: string, scan: TrivyScan): TrivyTarget {
  const target = str(field(result, 'Target'));
  const type = str(field(result, 'Type'));
  const legacyClass = isOsFamily(type) ? 'os-pkgs' : 'lang-pkgs';
  return {
    scan,
    target,
    resultClass: str(field(result, 'Class')) ?? (scan.isLegacy ? legacyClass : null),
    type,
    os: scan.os ?? targetOs(target, type),
    pointer: location,
  };
}

function targetFindings(result: JsonObject, target: TrivyTarget): ParsedFinding[] {
  const findings: Array<ParsedFinding | null> = [
    ...listAt(result, 'Vulnerabilities', target).map((record, index) => vulnerabilityFinding(record, index, target)),
    ...listAt(result, 'Misconfigurations', target).map((record, index) => misconfigurationFinding(record, index, target)),
    ...listAt(result, 'Secrets', target).map((record, index) => secretFinding(record, index, target)),
  ];
  return findings.filter((finding): finding is ParsedFinding => finding !== null);
}

/** Returns the array at result[key]. A value that is present but not an array is reported and read as empty. */
function listAt(result: JsonObject, key: string, target: TrivyTarget): unknown[] {
  const value = field(result, key);
  if (value !== undefined && value !== null && !Array.isArray(value)) {
    target.scan.warnings.push({ message: `"${key}" is not an array; its entries were skipped`, location: pointer(target.pointer, key) });
  }
  return arr(value);
}
