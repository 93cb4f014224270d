import type { ParsedFinding } from '@sieve/contracts';
import { field, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { checkSarifLog, SarifRunTotals, SUPPORTED_VERSION } from './sarif.log.js';
import { readRun } from './sarif.run.js';
import { streamSarif } from './sarif.stream.js';

export const sarifFormat: ReportFormat = {
  id: 'sarif',
  displayName: 'SARIF 2.1.0',
  detect: isSarifLog,
  parse: parseSarifLog,
  parseStream: (source) => streamSarif(source),
  detectHead: looksLikeSarif,
};

/**
 * The start of a log with a `runs` array and a SARIF `$schema`, version
 * 2.1.0, or a run's tool driver. Each pattern has one quantifier over a
 * single character class, so it runs in linear time on hostile text.
 */
function looksLikeSarif(head: string): boolean {
  if (!head.trimStart().startsWith('{') || !/"runs"\s*:\s*\[/.test(head)) {
    return false;
  }
  return /"\$schema"\s*:\s*"[^"]*sarif/i.test(head) || /"version"\s*:\s*"2\.1\.0"/.test(head) || /"driver"\s*:\s*\{/.test(head);
}

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
  const warnings = checkSarifLog(log);
  const runs = field(log, 'runs') as unknown[];

  const findings: ParsedFinding[] = [];
  const totals = new SarifRunTotals();
  for (const [index, run] of runs.entries()) {
    const at = pointer('', 'runs', index);
    if (!isObject(run)) {
      warnings.push({ message: 'run is not an object; skipped', location: at });
      totals.skipRun();
      continue;
    }
    const reading = readRun(run, at, warnings);
    for (const finding of reading.findings) {
      findings.push(finding);
    }
    totals.addRun(reading);
  }

  return { ...totals.summary(warnings), findings };
}
