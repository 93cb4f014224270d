import type { Cvss, ParsedFinding, Severity, Tool } from '@sieve/contracts';
import { isCve } from '@sieve/domain';
import { ghsaIdsFromUrls } from '../../advisory-ids.js';
import { addCvssVector } from '../../cvss-vectors.js';
import { normalizeDastUrl, requestMethod } from '../../dast-url.js';
import { buildFinding } from '../../finding-builder.js';
import { clip, field, isObject, str, strings } from '../../json-access.js';
import type { ParseWarning } from '../../report-format.js';

const SEVERITIES = new Map<string, Severity>([
  ['critical', 'critical'],
  ['high', 'high'],
  ['medium', 'medium'],
  ['low', 'low'],
  ['info', 'info'],
]);

/** Template id of a result: "template-id" in v3 and late v2 output, "templateID" in early v2 output. */
export function templateIdOf(record: unknown): string | null {
  return str(field(record, 'template-id')) ?? str(field(record, 'templateID'));
}

/**
 * Maps one Nuclei result. Returns null after a warning when it is not an
 * object with a template id. `at` is its line ("line 3") or JSON pointer.
 * The request, response, curl command, extracted results and interaction
 * data are never read into the finding. Only the method token of the
 * request line is read.
 */
export function nucleiResultFinding(record: unknown, at: string, tool: Tool, warnings: ParseWarning[]): ParsedFinding | null {
  const templateId = templateIdOf(record);
  if (!isObject(record) || templateId === null) {
    warnings.push({ message: 'Nuclei result without "template-id" skipped', location: at });
    return null;
  }

  const info = field(record, 'info');
  const classification = field(info, 'classification');
  const matcher = str(field(record, 'matcher-name')) ?? str(field(record, 'matcher_name')) ?? str(field(record, 'extractor-name'));
  const matchedAt = str(field(record, 'matched-at')) ?? str(field(record, 'matched'));
  const url = normalizeDastUrl(matchedAt);
  const references = referencesOf(field(info, 'reference'));
  const cveIds = listOf(field(classification, 'cve-id'));
  const severityWord = str(field(info, 'severity'));

  return buildFinding({
    tool,
    category: 'dast',
    title: str(field(info, 'name')) ?? templateId,
    description: describe(info, matcher),
    // Nuclei names a result [template-id:matcher-name], because one template reports each matcher separately.
    ruleId: matcher === null ? templateId : `${templateId}:${matcher}`,
    vulnerabilityIds: isCve(templateId) ? [templateId, ...cveIds] : cveIds,
    aliases: ghsaIdsFromUrls(references),
    cwes: listOf(field(classification, 'cwe-id')),
    severity: severityWord === null ? 'unknown' : (SEVERITIES.get(severityWord.toLowerCase()) ?? 'unknown'),
    toolSeverity: severityWord,
    cvss: readCvss(classification, at, warnings),
    references,
    location: {
      url,
      method: url === null ? null : requestMethod(clip(str(field(record, 'request')), 20)),
      resourceType: url === null ? str(field(record, 'type')) : null,
      resourceName: url === null ? matchedAt : null,
    },
    sourcePointer: at,
  });
}

/** Reads a value Nuclei writes as a string, a list of strings or null. */
function listOf(value: unknown): string[] {
  const single = typeof value === 'string' ? str(value) : null;
  return single === null ? strings(value) : [single];
}

/** Reads info.reference: a list of URLs in v3, one string with "- url" lines in v2, or null. */
function referencesOf(value: unknown): string[] {
  const lines = typeof value === 'string' ? value.slice(0, 20_000).split('\n') : strings(value);
  return lines.map((line) => line.trim().replace(/^- /, '')).filter((line) => line.startsWith('http://') || line.startsWith('https://'));
}

function readCvss(classification: unknown, at: string, warnings: ParseWarning[]): Cvss[] {
  const cvss: Cvss[] = [];
  const vector = str(field(classification, 'cvss-metrics'));
  if (vector !== null) {
    addCvssVector(cvss, vector, null, at, warnings);
  }
  return cvss;
}

function describe(info: unknown, matcher: string | null): string | null {
  const remediation = str(field(info, 'remediation'));
  const parts = [
    str(field(info, 'description')),
    remediation === null ? null : `Remediation: ${remediation}`,
    matcher === null ? null : `Matched by: ${matcher}`,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join('\n\n') : null;
}
