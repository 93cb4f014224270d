import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { field, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { readFinding } from './dependency-track.finding.js';

export const dependencyTrackFormat: ReportFormat = {
  id: 'dependency-track',
  displayName: 'Dependency-Track Finding Packaging Format (FPF 1.0 to 1.3)',
  detect: detectDependencyTrack,
  parse: parseDependencyTrack,
};

function detectDependencyTrack(input: ReportInput): boolean {
  if (!input.isJson()) {
    return false;
  }
  const report = input.json();
  const application = str(field(field(report, 'meta'), 'application'));
  const findings = field(report, 'findings');
  const hasFindings = Array.isArray(findings) || (isObject(report) && findings === null);
  return hasFindings && isObject(field(report, 'project')) && (application?.toLowerCase() === 'dependency-track' || str(field(report, 'version')) !== null);
}

function parseDependencyTrack(input: ReportInput): ParseResult {
  const report = input.json();
  const findings = field(report, 'findings');
  if (!isObject(report) || (findings !== null && !Array.isArray(findings))) {
    throw new ReportRejectedError('invalid_report', 'Dependency-Track report is not a JSON object with a "findings" array', '');
  }

  const tool = { name: 'dependency-track', version: str(field(field(report, 'meta'), 'version')) };
  const warnings: ParseWarning[] = [];
  const parsed: ParsedFinding[] = [];
  // Dependency-Track writes "findings": null for a project without findings.
  (findings ?? []).forEach((record, index) => {
    const finding = readFinding(record, pointer('/findings', index), tool, warnings);
    if (finding !== null) {
      parsed.push(finding);
    }
  });
  const assetName = str(field(field(report, 'project'), 'name'));
  return { tool, findings: parsed, warnings, assetName, complete: true, components: [], secretValues: [] };
}
