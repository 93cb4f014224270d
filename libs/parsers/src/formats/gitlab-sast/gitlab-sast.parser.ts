import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { arr, clip, field, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { isSecretDetection } from './gitlab-sast.secret.js';
import { readGitlabVulnerability } from './gitlab-sast.vulnerability.js';

const SCAN_TYPES = new Set(['sast', 'secret_detection']);
const VULNERABILITY_CATEGORIES = new Set(['sast', 'secret_detection']);
const MAX_MESSAGE = 300;

export const gitlabSastFormat: ReportFormat = {
  id: 'gitlab-sast',
  displayName: 'GitLab SAST and secret detection report (schema 2.x to 15.x)',
  detect: isGitlabSastReport,
  parse: parseGitlabSastReport,
};

/**
 * Detects a GitLab SAST or secret detection report: an object with a
 * `version` string and a `vulnerabilities` array. With a `scan` block, its
 * type must be sast or secret_detection. Schema 2.x reports have no `scan`.
 * Such a report must then have no `dependency_files` (dependency scanning).
 * Its first vulnerability must be of category sast or secret_detection, or
 * name no package or image (container scanning).
 */
function isGitlabSastReport(input: ReportInput): boolean {
  let report: unknown;
  try {
    report = input.json();
  } catch {
    return false;
  }
  const vulnerabilities = field(report, 'vulnerabilities');
  if (typeof field(report, 'version') !== 'string' || !Array.isArray(vulnerabilities)) {
    return false;
  }
  const scanType = str(field(field(report, 'scan'), 'type'));
  if (scanType !== null) {
    return SCAN_TYPES.has(scanType);
  }
  if (field(report, 'dependency_files') !== undefined) {
    return false;
  }
  const first: unknown = vulnerabilities[0];
  return first === undefined || isSastVulnerability(first);
}

function isSastVulnerability(vulnerability: unknown): boolean {
  const category = str(field(vulnerability, 'category'));
  if (category !== null) {
    return VULNERABILITY_CATEGORIES.has(category);
  }
  const location = field(vulnerability, 'location');
  return field(location, 'image') === undefined && str(field(field(field(location, 'dependency'), 'package'), 'name')) === null;
}

function parseGitlabSastReport(input: ReportInput): ParseResult {
  const report = input.json();
  const vulnerabilities = field(report, 'vulnerabilities');
  if (!isObject(report) || !Array.isArray(vulnerabilities)) {
    throw new ReportRejectedError('wrong_shape', 'GitLab SAST report must be a JSON object with a "vulnerabilities" array', '');
  }

  const scan = field(report, 'scan');
  const scanType = str(field(scan, 'type'));
  const analyzer = field(scan, 'analyzer');
  const tool: Tool = { name: 'gitlab-sast', version: str(field(analyzer, 'version')) ?? str(field(field(scan, 'scanner'), 'version')) };
  const warnings: ParseWarning[] = [];
  const complete = readScanStatus(scan, vulnerabilities.length, warnings);

  const findings: ParsedFinding[] = [];
  const secretValues = new Set<string>();
  vulnerabilities.forEach((vulnerability, index) => {
    const at = pointer('', 'vulnerabilities', index);
    if (!isObject(vulnerability)) {
      warnings.push({ message: 'vulnerability is not an object; skipped', location: at });
      return;
    }
    const scanner = field(vulnerability, 'scanner') ?? field(scan, 'scanner');
    const isSecret = isSecretDetection(vulnerability, scanType, str(field(scanner, 'id')));
    const reading = readGitlabVulnerability(vulnerability, { tool, scanner, isSecret }, at);
    findings.push(reading.finding);
    reading.secretValues.forEach((value) => secretValues.add(value));
  });

  return { tool, findings, warnings, assetName: null, complete, components: [], secretValues: [...secretValues] };
}

/**
 * Reads `scan.status` (schema 3.x and later). A failed scan without
 * vulnerabilities is the analyzer's error output and is rejected with its
 * messages; a failed scan with vulnerabilities is kept as incomplete.
 */
function readScanStatus(scan: unknown, found: number, warnings: ParseWarning[]): boolean {
  const status = str(field(scan, 'status'));
  if (status !== 'failure') {
    return true;
  }
  const messages = arr(field(scan, 'messages'))
    .map((message) => clip(str(field(message, 'value')), MAX_MESSAGE))
    .filter((message): message is string => message !== null);
  const reason = messages[0] ?? 'no message given';
  if (found === 0) {
    throw new ReportRejectedError('tool_error', `GitLab analyzer reported a failed scan: ${reason}`, '/scan/status');
  }
  warnings.push({ message: `GitLab analyzer reported a failed scan: ${reason}; the results may be incomplete`, location: '/scan/status' });
  return false;
}
