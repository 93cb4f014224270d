import type { ParsedFinding, Tool } from '@sieve/contracts';
import { arr, field, isObject, str, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseWarning } from '../../report-format.js';
import { producerKind } from './sarif.category.js';
import { runImage } from './sarif.image.js';
import { readResult, type RunContext } from './sarif.result.js';
import { RuleIndex } from './sarif.rules.js';

export interface RunReading {
  tool: Tool;
  findings: ParsedFinding[];
  secretValues: string[];
  assetName: string | null;
  /** False when the run reports that its tool failed, or has no results array. */
  complete: boolean;
}

// Result kinds that report a rule as checked with nothing found.
const NOT_A_PROBLEM = new Set(['pass', 'notApplicable']);

/** A run being read result by result: its context, what was read so far, and the results it skipped. */
export interface RunState {
  at: string;
  context: RunContext;
  reading: RunReading;
  warnings: ParseWarning[];
  absent: number;
  notProblems: number;
}

/** Reads every result of one run; `at` is the run's JSON pointer. */
export function readRun(run: JsonObject, at: string, warnings: ParseWarning[]): RunReading {
  const state = startRun(run, at, warnings);
  const results = field(run, 'results');
  if (Array.isArray(results)) {
    results.forEach((result, index) => {
      const finding = readRunResult(state, result, index);
      if (finding !== null) {
        state.reading.findings.push(finding);
      }
    });
  }
  return finishRun(state);
}

/**
 * Reads a run's tool, rules, invocations and URI bases. The results are read
 * afterwards by `readRunResult`, so a streamed run may hold an empty
 * `results` array whose elements arrive one by one.
 */
export function startRun(run: JsonObject, at: string, warnings: ParseWarning[]): RunState {
  const context = runContext(run);
  const reading: RunReading = {
    tool: context.tool,
    findings: [],
    secretValues: [],
    assetName: context.image?.image ?? repositoryName(run),
    complete: toolSucceeded(run, at, warnings),
  };

  if (!Array.isArray(field(run, 'results'))) {
    // In SARIF 2.1.0 (section 3.14.23), absent or null results mean the tool failed to start or to
    // begin its analysis. A tool that found nothing writes an empty array.
    warnings.push({ message: 'run has no "results" array, so its tool produced no results; the report is treated as incomplete', location: at });
    reading.complete = false;
  }
  return { at, context, reading, warnings, absent: 0, notProblems: 0 };
}

/** Maps the result at `index` of the run's results, or returns null for a result that is skipped. */
export function readRunResult(state: RunState, result: unknown, index: number): ParsedFinding | null {
  // The same text as pointer(state.at, 'results', index), built without a rest array per result.
  const resultAt = `${state.at}/results/${index}`;
  if (!isObject(result)) {
    state.warnings.push({ message: 'result is not an object; skipped', location: resultAt });
    return null;
  }
  if (str(field(result, 'baselineState')) === 'absent') {
    state.absent += 1;
    return null;
  }
  if (NOT_A_PROBLEM.has(str(field(result, 'kind')) ?? '')) {
    state.notProblems += 1;
    return null;
  }

  const { finding, secretValue } = readResult(result, resultAt, state.context, state.warnings);
  if (secretValue !== null) {
    state.reading.secretValues.push(secretValue);
  }
  state.reading.assetName ??= finding.location.image;
  return finding;
}

/** Adds the warnings for the results a run skipped, and returns what was read. */
export function finishRun(state: RunState): RunReading {
  if (state.absent > 0) {
    state.warnings.push({ message: `skipped ${state.absent} results with baselineState "absent": they were in the baseline but not found by this run`, location: state.at });
  }
  if (state.notProblems > 0) {
    state.warnings.push({ message: `skipped ${state.notProblems} results of kind "pass" or "notApplicable": they report no problem`, location: state.at });
  }
  return state.reading;
}

function runContext(run: JsonObject): RunContext {
  const tool = field(run, 'tool');
  const driver = field(tool, 'driver');
  const name = str(field(driver, 'name')) ?? 'unknown';
  return {
    run,
    tool: { name, version: str(field(driver, 'semanticVersion')) ?? str(field(driver, 'version')) },
    producer: producerKind(name),
    image: runImage(run),
    rules: new RuleIndex(tool),
    uris: { uriBaseIds: field(run, 'originalUriBaseIds'), artifacts: arr(field(run, 'artifacts')) },
  };
}

/**
 * False when an invocation reports that the tool failed or raised an error
 * notification: its results may then miss findings, so they must not close
 * findings that earlier reports listed.
 */
function toolSucceeded(run: JsonObject, at: string, warnings: ParseWarning[]): boolean {
  let succeeded = true;
  arr(field(run, 'invocations')).forEach((invocation, index) => {
    const invocationAt = pointer(at, 'invocations', index);
    if (field(invocation, 'executionSuccessful') === false) {
      warnings.push({ message: 'invocation reports executionSuccessful: false; the report is treated as incomplete', location: invocationAt });
      succeeded = false;
    }
    const errors = [...arr(field(invocation, 'toolExecutionNotifications')), ...arr(field(invocation, 'toolConfigurationNotifications'))].filter(
      (notification) => str(field(notification, 'level')) === 'error',
    ).length;
    if (errors > 0) {
      warnings.push({ message: `invocation has ${errors} error notifications; the report is treated as incomplete`, location: invocationAt });
      succeeded = false;
    }
  });
  return succeeded;
}

/** Reads the repository a run names in versionControlProvenance, without a trailing ".git". */
function repositoryName(run: JsonObject): string | null {
  const uri = str(field(arr(field(run, 'versionControlProvenance'))[0], 'repositoryUri'));
  return uri === null ? null : uri.replace(/\/+$/, '').replace(/\.git$/, '');
}
