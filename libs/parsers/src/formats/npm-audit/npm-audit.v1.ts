import type { Cvss, ParsedFinding } from '@sieve/contracts';
import { ghsaIdsFromUrls } from '../../advisory-ids.js';
import { addCvssVector, severityFromVectors } from '../../cvss-vectors.js';
import { buildFinding } from '../../finding-builder.js';
import { arr, entries, field, isObject, str, strings, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import { NPM_AUDIT_TOOL, npmPackage, stringOrList, type NpmAuditContext } from './npm-audit.context.js';
import { npmSeverity } from './npm-audit.severity.js';

const URL_IN_TEXT = /https?:\/\/[^\s)\]>"']+/g;

/**
 * Reads npm 6 output (`advisories` keyed by advisory id): one finding per
 * advisory and installed version in its findings[]. An advisory without
 * findings still yields one finding, with the version unknown.
 */
export function parseV1Advisories(advisories: unknown, context: NpmAuditContext): ParsedFinding[] {
  const findings: ParsedFinding[] = [];
  for (const [key, advisory] of entries(advisories)) {
    const at = pointer('/advisories', key);
    const name = str(field(advisory, 'module_name'));
    if (!isObject(advisory) || name === null) {
      context.warnings.push({ message: 'advisory without "module_name" skipped', location: at });
      continue;
    }
    const source: AdvisorySource = { advisory, key, name, pointer: at };
    const installs = arr(field(advisory, 'findings'));
    if (installs.length === 0) {
      findings.push(advisoryFinding(source, null, at, context));
    }
    installs.forEach((install, index) => {
      findings.push(advisoryFinding(source, str(field(install, 'version')), pointer(at, 'findings', index), context));
    });
  }
  return findings;
}

/** One entry of `advisories`, with its key and the pointer to it. */
interface AdvisorySource {
  advisory: JsonObject;
  key: string;
  name: string;
  pointer: string;
}

function advisoryFinding(source: AdvisorySource, version: string | null, location: string, context: NpmAuditContext): ParsedFinding {
  const { advisory, key, name } = source;
  const url = str(field(advisory, 'url'));
  const references = [...(url === null ? [] : [url]), ...urlsIn(str(field(advisory, 'references')))];
  const ids = [...strings(field(advisory, 'cves')), ...[str(field(advisory, 'github_advisory_id'))].filter((id): id is string => id !== null)];
  const cvss = readCvss(advisory, source.pointer, context);
  const toolSeverity = str(field(advisory, 'severity'));

  return buildFinding({
    tool: NPM_AUDIT_TOOL,
    category: 'sca',
    title: str(field(advisory, 'title')) ?? ids[0] ?? `npm advisory ${key}`,
    description: describe(advisory),
    ruleId: str(field(advisory, 'id')) ?? key,
    cwes: stringOrList(field(advisory, 'cwe')),
    vulnerabilityIds: ids.slice(0, 1),
    aliases: [...ids.slice(1), ...ghsaIdsFromUrls(references)],
    severity: toolSeverity === null ? severityFromVectors(cvss) : npmSeverity(toolSeverity),
    toolSeverity,
    cvss,
    package: npmPackage(name, version, fixedVersionsOf(str(field(advisory, 'patched_versions')))),
    references,
    sourcePointer: location,
  });
}

function describe(advisory: JsonObject): string | null {
  const parts = [str(field(advisory, 'overview')), str(field(advisory, 'recommendation'))].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join('\n\n') : null;
}

function readCvss(advisory: JsonObject, advisoryPointer: string, context: NpmAuditContext): Cvss[] {
  const cvss: Cvss[] = [];
  const vector = str(field(field(advisory, 'cvss'), 'vectorString'));
  if (vector !== null) {
    addCvssVector(cvss, vector, null, pointer(advisoryPointer, 'cvss', 'vectorString'), context.warnings);
  }
  return cvss;
}

/** The first fixed version when patched_versions is a single lower bound such as ">=1.10.2"; any other range gives none. */
function fixedVersionsOf(patched: string | null): string[] {
  const match = patched === null ? null : /^>=\s*(\d[^\s<>=|]*)$/.exec(patched);
  return match?.[1] === undefined ? [] : [match[1]];
}

/** URLs in npm's markdown "references" text, for example "[Issue #60](https://github.com/...)". */
function urlsIn(text: string | null): string[] {
  return text === null ? [] : [...text.matchAll(URL_IN_TEXT)].map((match) => match[0]);
}
