import type { Cvss, ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { ghsaIdsFromUrls } from '../../advisory-ids.js';
import { addCvssVector, severityFromVectors } from '../../cvss-vectors.js';
import { buildFinding } from '../../finding-builder.js';
import { arr, entries, field, int, isObject, str, strings, type JsonObject } from '../../json-access.js';
import type { JsonLine } from '../../json-lines.js';
import { pointer } from '../../json-pointer.js';
import { lineLocation, npmPackage, YARN_AUDIT_TOOL, type YarnAuditContext } from './yarn-audit.context.js';
import { yarnSeverity } from './yarn-audit.severity.js';

// Bounded: a URL is at most 2,000 characters, and the text it is applied to is clipped first.
const URL_IN_TEXT = /https?:\/\/[^\s)\]>"']{1,2000}/g;
const MAX_REFERENCES_TEXT = 20_000;

/**
 * Reads Yarn 1 `yarn audit --json` output: one auditAdvisory line per
 * advisory and dependency path, then one auditSummary line. One finding per
 * advisory and installed version (advisory.findings[].version): the lines of
 * other paths to the same version add nothing.
 */
export function parseClassicLines(records: JsonLine[], context: YarnAuditContext): ParsedFinding[] {
  const findings = new Map<string, ParsedFinding>();
  let advisoryLines = 0;
  let summary: JsonLine | null = null;
  const errors: JsonLine[] = [];

  for (const record of records) {
    const type = str(field(record.value, 'type'));
    const data = field(record.value, 'data');
    if (type === 'auditAdvisory') {
      advisoryLines += 1;
      readAdvisoryLine(record, findings, context);
    } else if (type === 'auditSummary') {
      summary = record;
    } else if (type === 'error') {
      errors.push(record);
    } else if ((type === 'info' || type === 'warning') && str(data) !== null) {
      context.warnings.push({ message: `yarn ${type}: ${str(data)?.slice(0, 500)}`, location: lineLocation(record.line) });
    }
  }

  rejectFailedRun(errors, summary);
  errors.forEach((record) => context.warnings.push({ message: `yarn error: ${str(field(record.value, 'data'))?.slice(0, 500)}`, location: lineLocation(record.line) }));
  if (summary !== null) {
    checkSummary(summary, advisoryLines, context);
  }
  return [...findings.values()];
}

/** Rejects a run with an error line and no auditSummary: yarn audit did not finish, so the report contains no result. */
function rejectFailedRun(errors: JsonLine[], summary: JsonLine | null): void {
  const [first] = errors;
  if (first !== undefined && summary === null) {
    const message = str(field(first.value, 'data')) ?? 'no message given';
    throw new ReportRejectedError('tool_error', `yarn audit failed: ${message.slice(0, 500)}`, lineLocation(first.line));
  }
}

function readAdvisoryLine(record: JsonLine, findings: Map<string, ParsedFinding>, context: YarnAuditContext): void {
  const at = lineLocation(record.line);
  const advisory = field(field(record.value, 'data'), 'advisory');
  const name = str(field(advisory, 'module_name'));
  if (!isObject(advisory) || name === null) {
    context.warnings.push({ message: 'auditAdvisory line without advisory.module_name skipped', location: at });
    return;
  }
  const advisoryId = str(field(advisory, 'id')) ?? name;
  const versions = arr(field(advisory, 'findings')).map((install) => str(field(install, 'version')));
  for (const version of versions.length > 0 ? versions : [null]) {
    const key = `${advisoryId}|${version ?? ''}`;
    if (!findings.has(key)) {
      findings.set(key, advisoryFinding(advisory, name, version, at, context));
    }
  }
}

function advisoryFinding(advisory: JsonObject, name: string, version: string | null, at: string, context: YarnAuditContext): ParsedFinding {
  const url = str(field(advisory, 'url'));
  const references = [...(url === null ? [] : [url]), ...urlsIn(str(field(advisory, 'references')))];
  const ids = [...strings(field(advisory, 'cves')), ...strings([field(advisory, 'github_advisory_id')])];
  const cvss = readCvss(advisory, at, context);
  const toolSeverity = str(field(advisory, 'severity'));

  return buildFinding({
    tool: YARN_AUDIT_TOOL,
    category: 'sca',
    title: str(field(advisory, 'title')) ?? ids[0] ?? `npm advisory ${str(field(advisory, 'id')) ?? name}`,
    description: describe(advisory),
    ruleId: str(field(advisory, 'id')),
    cwes: stringOrList(field(advisory, 'cwe')),
    vulnerabilityIds: ids.slice(0, 1),
    aliases: [...ids.slice(1), ...ghsaIdsFromUrls(references)],
    severity: toolSeverity === null ? severityFromVectors(cvss) : yarnSeverity(toolSeverity),
    toolSeverity,
    cvss,
    package: npmPackage(name, version, fixedVersionsOf(str(field(advisory, 'patched_versions')))),
    references,
    sourcePointer: at,
  });
}

/**
 * Compares the per-severity counts of auditSummary with the auditAdvisory
 * lines, which Yarn counts one per advisory and path. A mismatch is reported;
 * the findings still come from the advisory lines.
 */
function checkSummary(summary: JsonLine, advisoryLines: number, context: YarnAuditContext): void {
  const counts = entries(field(field(summary.value, 'data'), 'vulnerabilities')).map(([, count]) => int(count) ?? 0);
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total !== advisoryLines) {
    context.warnings.push({
      message: `auditSummary counts ${total} advisories but the report has ${advisoryLines} auditAdvisory lines; findings are read from the lines`,
      location: lineLocation(summary.line),
    });
  }
}

function readCvss(advisory: JsonObject, at: string, context: YarnAuditContext): Cvss[] {
  const cvss: Cvss[] = [];
  const vector = str(field(field(advisory, 'cvss'), 'vectorString'));
  if (vector !== null) {
    addCvssVector(cvss, vector, null, `${at} ${pointer('/data/advisory/cvss/vectorString')}`, context.warnings);
  }
  return cvss;
}

function describe(advisory: JsonObject): string | null {
  const parts = [str(field(advisory, 'overview')), str(field(advisory, 'recommendation'))].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join('\n\n') : null;
}

/** The fixed version when patched_versions is one lower bound such as ">=1.2.3"; a compound range gives none. */
function fixedVersionsOf(patched: string | null): string[] {
  const match = patched === null || patched.length > 200 ? null : /^>=\s*(\d[^\s<>=|]*)$/.exec(patched.trim());
  return match?.[1] === undefined ? [] : [match[1]];
}

/** URLs in the markdown `references` text, for example "- [GitHub commit 1](https://github.com/...)". */
function urlsIn(text: string | null): string[] {
  return text === null ? [] : [...text.slice(0, MAX_REFERENCES_TEXT).matchAll(URL_IN_TEXT)].map((match) => match[0]);
}

/** Reads `cwe`, a string in older advisories and a list in newer ones. */
function stringOrList(value: unknown): string[] {
  const single = str(value);
  return single === null ? strings(value) : [single];
}
