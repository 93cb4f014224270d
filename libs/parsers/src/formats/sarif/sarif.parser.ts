import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { field, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { readRun } from './sarif.run.js';

const SUPPORTED_VERSION = '2.1.0';

export const sarifFormat: ReportFormat = {
  id: 'sarif',
  displayName: 'SARIF 2.1.0',
  detect: isSarifLog,
  parse: parseSarifLog,
};

/**
 * A SARIF log is an object with a `runs` array and version 2.1.0 or a
 * `$schema` that names SARIF. An object whose `$schema` names SARIF but whose
 * `runs` is missing or null is claimed too, so that parse() can reject it
 * with a reason instead of the registry calling it an unknown format.
 */
function isSarifLog(input: ReportInput): boolean {
  let log: unknown;
  try {
    log = input.json();
  } catch {
    return false;
  }
  if (!isObject(log)) {
    return false;
  }
  const runs = field(log, 'runs');
  const namesSarif = /sarif/i.test(str(field(log, '$schema')) ?? '');
  if (Array.isArray(runs)) {
    return field(log, 'version') === SUPPORTED_VERSION || namesSarif;
  }
  return (runs === undefined || runs === null) && namesSarif;
}

function parseSarifLog(input: ReportInput): ParseResult {
  const log = input.json();
  if (!isObject(log)) {
    throw new ReportRejectedError('wrong_shape', 'SARIF log must be a JSON object with a "runs" array', '');
  }
  const version = field(log, 'version');
  if (version !== undefined && version !== SUPPORTED_VERSION) {
    throw new ReportRejectedError('unsupported_version', `SARIF version ${JSON.stringify(version)} is not supported; only ${SUPPORTED_VERSION} is read`, '/version');
  }
  const runs = field(log, 'runs');
  if (!Array.isArray(runs)) {
    // SARIF 2.1.0 (section 3.13.4) writes "runs": null when the producer tried to fill runs and failed.
    const problem = runs === null ? '"runs" is null, so the producer failed before it wrote a run' : 'the "runs" array is missing';
    throw new ReportRejectedError('missing_runs', `SARIF log has no results to read: ${problem}`, '/runs');
  }

  const warnings: ParseWarning[] = [];
  if (version === undefined) {
    warnings.push({ message: `SARIF log has no "version"; read as ${SUPPORTED_VERSION}`, location: '' });
  }

  const findings: ParsedFinding[] = [];
  const secretValues: string[] = [];
  let tool: Tool | null = null;
  let assetName: string | null = null;
  let complete = true;

  for (const [index, run] of runs.entries()) {
    const at = pointer('', 'runs', index);
    if (!isObject(run)) {
      warnings.push({ message: 'run is not an object; skipped', location: at });
      complete = false;
      continue;
    }
    const reading = readRun(run, at, warnings);
    for (const finding of reading.findings) {
      findings.push(finding);
    }
    secretValues.push(...reading.secretValues);
    tool ??= reading.tool;
    assetName ??= reading.assetName;
    complete &&= reading.complete;
  }

  return {
    // A log with no runs names no tool.
    tool: tool ?? { name: 'unknown', version: null },
    findings,
    warnings,
    assetName,
    complete,
    components: [],
    secretValues: [...new Set(secretValues)],
  };
}
