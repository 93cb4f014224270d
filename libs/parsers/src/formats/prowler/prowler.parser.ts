import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { field, int, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { readProwlerFinding } from './prowler.finding.js';

// OCSF class 2004, Detection Finding.
const DETECTION_FINDING_CLASS = 2004;

export const prowlerFormat: ReportFormat = {
  id: 'prowler',
  displayName: 'Prowler OCSF JSON (Prowler 4.x and later)',
  detect: isProwlerReport,
  parse: parseProwlerReport,
};

/**
 * Detects Prowler's OCSF output: an array whose first element is an OCSF
 * Detection Finding (class_uid 2004 or class_name DetectionFinding) with
 * `finding_info` and `status_code`. Prowler writes `[]` when it has no
 * findings; that carries no mark of the tool and is read only with
 * `--tool prowler`.
 */
function isProwlerReport(input: ReportInput): boolean {
  let report: unknown;
  try {
    report = input.json();
  } catch {
    return false;
  }
  if (!Array.isArray(report)) {
    return false;
  }
  const first: unknown = report[0];
  const isDetectionFinding = int(field(first, 'class_uid')) === DETECTION_FINDING_CLASS || str(field(first, 'class_name')) === 'DetectionFinding';
  return isDetectionFinding && isObject(field(first, 'finding_info')) && field(first, 'status_code') !== undefined;
}

function parseProwlerReport(input: ReportInput): ParseResult {
  const report = input.json();
  if (!Array.isArray(report)) {
    throw new ReportRejectedError('wrong_shape', 'Prowler OCSF report must be a JSON array of findings', '');
  }

  const product = field(field(report[0], 'metadata'), 'product');
  const tool: Tool = { name: 'prowler', version: str(field(product, 'version')) };
  const warnings: ParseWarning[] = [];
  const findings: ParsedFinding[] = [];
  report.forEach((finding, index) => {
    const at = pointer('', index);
    const checkId = str(field(field(finding, 'metadata'), 'event_code'));
    if (!isObject(finding) || checkId === null) {
      warnings.push({ message: 'finding is not an object with metadata.event_code; skipped', location: at });
      return;
    }
    // PASS and MANUAL results are checks that passed or need a person; only FAIL is a finding.
    if (str(field(finding, 'status_code')) !== 'FAIL') {
      return;
    }
    findings.push(readProwlerFinding(finding, checkId, tool, at));
  });

  return { tool, findings, warnings, assetName: accountOf(report), complete: true, components: [], secretValues: [] };
}

/** Returns the one cloud account every finding is in, written "<provider>:<account uid>", else null. */
function accountOf(report: unknown[]): string | null {
  const accounts = new Set<string>();
  for (const finding of report) {
    const cloud = field(finding, 'cloud');
    const uid = str(field(field(cloud, 'account'), 'uid'));
    if (uid !== null) {
      accounts.add(`${str(field(cloud, 'provider')) ?? 'cloud'}:${uid}`);
    }
  }
  const [account] = accounts;
  return accounts.size === 1 && account !== undefined ? account : null;
}
