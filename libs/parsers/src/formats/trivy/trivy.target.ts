import { ReportRejectedError } from '@sieve/domain';
import { arr, field, isObject, str, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { TrivyScan, TrivyTarget } from './trivy.context.js';
import { isOsFamily } from './trivy.package.js';
import { imageReference, reportOs, targetOs } from './trivy.report.js';

/**
 * Checks the top level of a SchemaVersion 2 report: an object whose
 * "Results", when present, is an array. Throws ReportRejectedError otherwise.
 */
export function checkTrivyReport(report: unknown): asserts report is JsonObject {
  if (!isObject(report)) {
    throw new ReportRejectedError('invalid_report', 'Trivy report is neither an object with "Results" nor the legacy array of results', '');
  }
  const results = field(report, 'Results');
  if (results !== undefined && results !== null && !Array.isArray(results)) {
    throw new ReportRejectedError('invalid_report', 'Trivy report field "Results" is not an array', '/Results');
  }
}

/** Builds the report-wide state from the report object; null for the legacy array, which has none. */
export function newScan(report: JsonObject | null, isLegacy: boolean): TrivyScan {
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

/** Describes one entry of Results; `location` is its JSON pointer. */
export function describeTarget(result: JsonObject, location: string, scan: TrivyScan): TrivyTarget {
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

/** Returns the array at result[key]. A value that is present but not an array is reported and read as empty. */
export function listAt(result: JsonObject, key: string, target: TrivyTarget): unknown[] {
  const value = field(result, key);
  if (value !== undefined && value !== null && !Array.isArray(value)) {
    target.scan.warnings.push({ message: `"${key}" is not an array; its entries were skipped`, location: pointer(target.pointer, key) });
  }
  return arr(value);
}
