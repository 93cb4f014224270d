import type { Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { field, isObject } from '../../json-access.js';
import type { ParseResult, ParseWarning } from '../../report-format.js';
import type { RunReading } from './sarif.run.js';

export const SUPPORTED_VERSION = '2.1.0';

/**
 * Checks the top level of a SARIF log: an object with version 2.1.0 (or none)
 * and a `runs` array. Returns the warnings about it; throws
 * ReportRejectedError when the log cannot be read.
 */
export function checkSarifLog(log: unknown): ParseWarning[] {
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
  return version === undefined ? [{ message: `SARIF log has no "version"; read as ${SUPPORTED_VERSION}`, location: '' }] : [];
}

/** Combines the runs of one log into the report's tool, asset, completeness and secret values. */
export class SarifRunTotals {
  private tool: Tool | null = null;
  private assetName: string | null = null;
  private complete = true;
  private readonly secretValues: string[] = [];

  addRun(reading: RunReading): void {
    this.secretValues.push(...reading.secretValues);
    this.tool ??= reading.tool;
    this.assetName ??= reading.assetName;
    this.complete &&= reading.complete;
  }

  /** Counts a run that could not be read, which makes the report incomplete. */
  skipRun(): void {
    this.complete = false;
  }

  summary(warnings: ParseWarning[]): Omit<ParseResult, 'findings'> {
    return {
      // A log with no runs names no tool.
      tool: this.tool ?? { name: 'unknown', version: null },
      warnings,
      assetName: this.assetName,
      complete: this.complete,
      components: [],
      secretValues: [...new Set(this.secretValues)],
    };
  }
}
