import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { arr, field, isObject, str, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import type { GovulncheckScan } from './govulncheck.context.js';
import { mergeStreamFindings, readStreamFinding, type StreamFinding } from './govulncheck.finding.js';
import { legacyMainModule, parseLegacyReport } from './govulncheck.legacy.js';
import { splitJsonStream } from './govulncheck.stream.js';

export const govulncheckFormat: ReportFormat = {
  id: 'govulncheck',
  displayName: 'govulncheck JSON (the -json message stream of 1.x, raw or wrapped in an array, and the pre-1.0 object)',
  detect: detectGovulncheck,
  parse: parseGovulncheck,
};

// Keys of the messages of govulncheck's -json stream; each message has exactly one.
const MESSAGE_KEYS = new Set(['config', 'progress', 'SBOM', 'osv', 'finding']);

/**
 * One message of the stream and where it is: a JSON pointer into an array
 * ("/3"), or the line it starts on in a raw stream ("line 18725").
 */
interface Message {
  value: JsonObject;
  location: string;
}

/** Returns the location of a message's `finding` object: inside the array element, or the message's line. */
function findingLocation(location: string): string {
  return location.startsWith('line ') ? location : pointer(location, 'finding');
}

function detectGovulncheck(input: ReportInput): boolean {
  if (input.isJson()) {
    const report = input.json();
    if (Array.isArray(report)) {
      return report.length > 0 && report.every(isMessage) && report.some(isGovulncheckMarker);
    }
    return isLegacyReport(report) || (isMessage(report) && isGovulncheckMarker(report));
  }
  let text: string;
  try {
    text = input.text();
  } catch {
    return false;
  }
  if (!text.trimStart().startsWith('{')) {
    return false;
  }
  const [first] = splitJsonStream(text, 1).values;
  return first !== undefined && isMessage(first.value) && isGovulncheckMarker(first.value);
}

function isMessage(value: unknown): value is JsonObject {
  if (!isObject(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return keys.length === 1 && MESSAGE_KEYS.has(keys[0] ?? '');
}

/** Returns true for a config message naming govulncheck or a finding naming an OSV entry, shapes no other tool writes. */
function isGovulncheckMarker(message: unknown): boolean {
  const config = field(message, 'config');
  if (isObject(config)) {
    return str(field(config, 'scanner_name')) === 'govulncheck' || str(field(config, 'protocol_version')) !== null;
  }
  return str(field(field(message, 'finding'), 'osv')) !== null;
}

function isLegacyReport(report: unknown): report is JsonObject {
  return Array.isArray(field(report, 'Vulns')) && (isObject(field(report, 'Calls')) || Array.isArray(field(report, 'Modules')) || isObject(field(report, 'Requires')));
}

function parseGovulncheck(input: ReportInput): ParseResult {
  if (input.isJson()) {
    const report = input.json();
    if (isLegacyReport(report)) {
      const scan = newScan();
      const findings = parseLegacyReport(report, scan);
      return result(scan, findings, legacyMainModule(report), true);
    }
    if (Array.isArray(report)) {
      return parseMessages(report.map((value, index) => ({ value, location: pointer('', index) })), true);
    }
    if (isMessage(report)) {
      return parseMessages([{ value: report, location: '' }], true);
    }
    throw new ReportRejectedError('invalid_report', 'govulncheck report is neither a stream of {config|progress|SBOM|osv|finding} messages nor the pre-1.0 object with "Vulns"', '');
  }
  return parseRawStream(input.text());
}

/** Reads the raw -json output, in which one message follows the other without an enclosing array. */
function parseRawStream(text: string): ParseResult {
  const stream = splitJsonStream(text);
  if (stream.values.length === 0) {
    const problem = stream.problems[0];
    throw new ReportRejectedError('invalid_report', `govulncheck report has no readable JSON message${problem === undefined ? '' : `: ${problem.message}`}`, problem === undefined ? null : `line ${problem.line}`);
  }
  const messages = stream.values.map((entry) => ({ value: entry.value, location: `line ${entry.line}` }));
  const parsed = parseMessages(messages, !stream.problems.some((problem) => problem.fatal));
  const streamWarnings = stream.problems.map((problem) => ({
    message: problem.fatal ? `reading stopped: ${problem.message}; later messages are missing` : `message skipped: ${problem.message}`,
    location: `line ${problem.line}`,
  }));
  return { ...parsed, warnings: [...streamWarnings, ...parsed.warnings] };
}

function parseMessages(values: Array<{ value: unknown; location: string }>, complete: boolean): ParseResult {
  const messages: Message[] = [];
  const scan = newScan();
  for (const entry of values) {
    if (isMessage(entry.value)) {
      messages.push({ value: entry.value, location: entry.location });
    } else {
      scan.warnings.push({ message: 'value that is not a govulncheck message (an object with one of config, progress, SBOM, osv, finding) skipped', location: entry.location });
    }
  }

  const config = messages.map((message) => field(message.value, 'config')).find(isObject);
  scan.tool = { name: 'govulncheck', version: str(field(config, 'scanner_version')) };
  scan.scanLevel = str(field(config, 'scan_level'));

  const advisories = new Map<string, unknown>();
  const findings: StreamFinding[] = [];
  for (const message of messages) {
    const osv = field(message.value, 'osv');
    const id = str(field(osv, 'id'));
    if (id !== null) {
      advisories.set(id, osv);
    }
    if (field(message.value, 'finding') !== undefined) {
      const finding = readStreamFinding(field(message.value, 'finding'), findingLocation(message.location), scan);
      if (finding !== null) {
        findings.push(finding);
      }
    }
  }
  return result(scan, mergeStreamFindings(findings, advisories, scan), mainModule(messages, findings), complete);
}

/**
 * The scanned program's main module: the SBOM's first module when it has no
 * version (govulncheck 1.1 and later), else the module of a trace frame
 * without a version, because frames of the main module carry none.
 */
function mainModule(messages: Message[], findings: StreamFinding[]): string | null {
  const sbomModules = arr(field(messages.map((message) => field(message.value, 'SBOM')).find(isObject), 'modules'));
  const first = sbomModules[0];
  if (first !== undefined && str(field(first, 'version')) === null) {
    return str(field(first, 'path'));
  }
  for (const finding of findings) {
    const frame = finding.trace.find((candidate) => str(field(candidate, 'version')) === null && str(field(candidate, 'module')) !== null);
    if (frame !== undefined) {
      return str(field(frame, 'module'));
    }
  }
  return null;
}

function newScan(): GovulncheckScan {
  return { tool: { name: 'govulncheck', version: null }, scanLevel: null, warnings: [] };
}

function result(scan: GovulncheckScan, findings: ParsedFinding[], assetName: string | null, complete: boolean): ParseResult {
  return { tool: scan.tool, findings, warnings: scan.warnings, assetName, complete, components: [], secretValues: [] };
}
