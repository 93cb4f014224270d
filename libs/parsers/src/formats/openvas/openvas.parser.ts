import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { parseXmlDocument, xmlRootTag, type XmlElement } from '../../xml-document.js';
import { openvasResultFinding } from './openvas.result.js';

const FINISHED_STATUS = 'Done';
// Only the start of the file is searched for these markers during detection.
const DETECTION_WINDOW = 64 * 1024;

export const openvasFormat: ReportFormat = {
  id: 'openvas',
  displayName: 'OpenVAS / Greenbone (GVM) XML report',
  detect: isOpenvasXml,
  parse: parseOpenvasXml,
};

/**
 * Detects a GMP get_reports XML report: root <report> (or the
 * <get_reports_response> envelope) followed by GVM's own elements.
 */
function isOpenvasXml(input: ReportInput): boolean {
  try {
    const text = input.text();
    const root = xmlRootTag(text)?.name;
    if (root !== 'report' && root !== 'get_reports_response') {
      return false;
    }
    const head = text.slice(0, DETECTION_WINDOW);
    return ['<gmp>', '<omp>', '<scan_run_status>', '<results '].some((marker) => head.includes(marker));
  } catch {
    return false;
  }
}

function parseOpenvasXml(input: ReportInput): ParseResult {
  const root = parseXmlDocument(input.text());
  rejectErrorResponse(root);
  const report = innerReport(root);
  if (report === null) {
    throw new ReportRejectedError('wrong_shape', `OpenVAS report must have the root element <report> or <get_reports_response>, not <${root.name}>`, root.path);
  }

  const tool: Tool = { name: 'openvas', version: null };
  const warnings: ParseWarning[] = [];
  const results = report.child('results')?.childrenNamed('result') ?? [];
  const findings = results
    .map((result) => openvasResultFinding(result, tool, warnings))
    .filter((finding): finding is ParsedFinding => finding !== null);
  checkResultCount(report, results.length, warnings);

  const status = report.childText('scan_run_status');
  if (status !== null && status !== FINISHED_STATUS) {
    warnings.push({ message: `scan_run_status is "${status}", not "${FINISHED_STATUS}", so results may be missing`, location: report.child('scan_run_status')?.path ?? null });
  }
  const hosts = new Set(findings.map((finding) => finding.location.resourceName));
  const [onlyHost] = hosts;

  return {
    tool,
    findings,
    warnings,
    assetName: hosts.size === 1 ? (onlyHost ?? null) : null,
    complete: status === null || status === FINISHED_STATUS,
    components: [],
    secretValues: [],
  };
}

/** Rejects a GMP response with a status other than 2xx, which is gvmd's error output (for example status 404 "Failed to find report"). */
function rejectErrorResponse(root: XmlElement): void {
  const status = root.attribute('status');
  if (root.name === 'get_reports_response' && status !== null && !status.startsWith('2')) {
    throw new ReportRejectedError('tool_error', `OpenVAS returned status ${status}: ${root.attribute('status_text') ?? 'no status text'}`, root.path);
  }
}

/** GMP wraps the report in a <report> envelope, and get_reports_response wraps that once more. */
function innerReport(root: XmlElement): XmlElement | null {
  if (root.name === 'get_reports_response') {
    const envelope = root.child('report');
    return envelope?.child('report') ?? envelope;
  }
  if (root.name === 'report') {
    return root.child('report') ?? root;
  }
  return null;
}

/** Warns when result_count/filtered disagrees with the results listed. The listed results are kept as they are. */
function checkResultCount(report: XmlElement, listed: number, warnings: ParseWarning[]): void {
  const filtered = report.child('result_count')?.child('filtered');
  const counted = Number(filtered?.trimmedText() ?? NaN);
  if (filtered && Number.isInteger(counted) && counted !== listed) {
    warnings.push({ message: `result_count/filtered is ${counted} but ${listed} results are listed`, location: filtered.path });
  }
}
