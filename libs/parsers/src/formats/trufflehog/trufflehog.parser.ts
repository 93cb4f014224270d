import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { clip, field, int, isObject, str } from '../../json-access.js';
import { readJsonLines, type JsonLine } from '../../json-lines.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { readTrufflehogRecord } from './trufflehog.record.js';

// Lines read to recognise the format; log lines may come before the first result.
const DETECTION_LINES = 20;
const MAX_WARNINGS = 50;
const MAX_LOG_MESSAGE = 300;

export const trufflehogFormat: ReportFormat = {
  id: 'trufflehog',
  displayName: 'TruffleHog 3 JSON Lines (--json)',
  detect: isTrufflehogReport,
  parse: parseTrufflehogReport,
};

/**
 * Detects TruffleHog 3 output: JSON Lines whose first result has
 * SourceMetadata and a DetectorName or DetectorType. JSON log lines (with
 * `level` and `msg`, present when stderr was captured too) before it are
 * passed over. TruffleHog prints nothing when it finds nothing, so an empty
 * file has no mark of the tool and is read only with `--tool trufflehog`.
 */
function isTrufflehogReport(input: ReportInput): boolean {
  let text: string;
  try {
    text = input.text();
  } catch {
    return false;
  }
  if (!text.trimStart().startsWith('{')) {
    return false;
  }
  const { records } = readJsonLines(text, DETECTION_LINES);
  const first = records.find((record) => !isLogLine(record.value));
  return first !== undefined && isResult(first.value);
}

function isResult(value: unknown): boolean {
  return isObject(field(value, 'SourceMetadata')) && (field(value, 'DetectorName') !== undefined || field(value, 'DetectorType') !== undefined);
}

function isLogLine(value: unknown): boolean {
  return field(value, 'level') !== undefined && field(value, 'msg') !== undefined && field(value, 'SourceMetadata') === undefined;
}

function parseTrufflehogReport(input: ReportInput): ParseResult {
  const { records, errors } = readJsonLines(input.text());
  const tool: Tool = { name: 'trufflehog', version: null };
  const warnings: ParseWarning[] = [];
  const findings: ParsedFinding[] = [];
  const secretValues = new Set<string>();
  let repository: string | null = null;

  for (const error of errors) {
    addWarning(warnings, { message: `line skipped: ${error.message}`, location: `line ${error.line}` });
  }
  const log = readLogLines(records, warnings);
  const results = records.filter((record) => !isLogLine(record.value));
  rejectOtherShapes(results, log.errors);

  for (const record of results) {
    const at = `line ${record.line}`;
    const detector = str(field(record.value, 'DetectorName')) ?? str(field(record.value, 'DetectorType'));
    if (!isObject(record.value) || !isObject(field(record.value, 'SourceMetadata')) || detector === null) {
      addWarning(warnings, { message: 'line is not a TruffleHog result with SourceMetadata and a DetectorName; skipped', location: at });
      continue;
    }
    const reading = readTrufflehogRecord(record.value, detector, tool, at);
    findings.push(reading.finding);
    reading.secretValues.forEach((value) => secretValues.add(value));
    repository ??= reading.repository;
  }

  checkSummary(log.summary, findings.length, warnings);
  return {
    tool,
    findings,
    warnings,
    assetName: repository,
    complete: errors.length === 0 && log.errors.length === 0,
    components: [],
    secretValues: [...secretValues],
  };
}

interface LogReading {
  errors: string[];
  /** Secrets counted by the "finished scanning" log line, when there is one. */
  summary: { verified: number; unverified: number; line: number } | null;
}

/** Reads TruffleHog's JSON log lines: errors become warnings, the final counts are kept for a check. */
function readLogLines(records: JsonLine[], warnings: ParseWarning[]): LogReading {
  const reading: LogReading = { errors: [], summary: null };
  for (const record of records) {
    if (!isLogLine(record.value)) {
      continue;
    }
    const level = str(field(record.value, 'level')) ?? '';
    const message = clip(str(field(record.value, 'msg')) ?? '', MAX_LOG_MESSAGE) ?? '';
    if (level.startsWith('error')) {
      const detail = clip(str(field(record.value, 'error')), MAX_LOG_MESSAGE);
      const text = detail === null ? message : `${message}: ${detail}`;
      reading.errors.push(text);
      addWarning(warnings, { message: `TruffleHog error: ${text}`, location: `line ${record.line}` });
    }
    const verified = int(field(record.value, 'verified_secrets'));
    const unverified = int(field(record.value, 'unverified_secrets'));
    if (verified !== null && unverified !== null) {
      reading.summary = { verified, unverified, line: record.line };
    }
  }
  return reading;
}

/** Rejects error-only output and TruffleHog 2 output, which have no results this parser can read. */
function rejectOtherShapes(results: JsonLine[], logErrors: string[]): void {
  if (results.length === 0 && logErrors.length > 0) {
    throw new ReportRejectedError('tool_error', `TruffleHog logged ${logErrors.length} errors and found no secrets; first error: ${logErrors[0]}`, null);
  }
  const first = results[0];
  if (first !== undefined && !results.some((record) => isResult(record.value))) {
    const legacy = field(first.value, 'stringsFound') !== undefined || field(first.value, 'reason') !== undefined;
    const problem = legacy ? 'TruffleHog 2 output is not supported; run TruffleHog 3 with --json' : 'no line is a TruffleHog 3 result (an object with SourceMetadata and DetectorName)';
    throw new ReportRejectedError('wrong_shape', problem, `line ${first.line}`);
  }
}

// With --only-verified (or --results=verified) the results are the verified
// secrets only, so a count equal to either number agrees with the summary.
function checkSummary(summary: LogReading['summary'], found: number, warnings: ParseWarning[]): void {
  if (summary === null || found === summary.verified || found === summary.verified + summary.unverified) {
    return;
  }
  const counted = `${summary.verified} verified and ${summary.unverified} unverified secrets`;
  addWarning(warnings, { message: `TruffleHog's summary counts ${counted}, but the report has ${found} results`, location: `line ${summary.line}` });
}

function addWarning(warnings: ParseWarning[], warning: ParseWarning): void {
  if (warnings.length < MAX_WARNINGS) {
    warnings.push(warning);
  } else if (warnings.length === MAX_WARNINGS) {
    warnings.push({ message: 'more warnings not listed', location: null });
  }
}
