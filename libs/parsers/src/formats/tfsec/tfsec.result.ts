import type { ParsedFinding, Tool, TriageStatement } from '@sieve/contracts';
import { normalizeRepoPath } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { field, int, str, strings, type JsonObject } from '../../json-access.js';
import { terraformResourceType } from '../checkov/checkov.resource.js';
import { tfsecSeverity } from './tfsec.severity.js';

const MAX_TEXT_SCANNED = 2000;
// tfsec 0.x descriptions start with the resource: "Resource 'aws_s3_bucket.b' defines …".
const RESOURCE_IN_DESCRIPTION = /^(?:Resource|Block) '([^']{1,500})'/;
// tfsec 0.x writes its link as a sentence: "See https://tfsec.dev/docs/… for more information."
const LEGACY_LINK = /^(?:See )?(https?:\/\/[^\s]{1,2000})/;

/** Maps one tfsec result that is not a passed check. `at` is its JSON pointer. */
export function readTfsecResult(result: JsonObject, ruleId: string, tool: Tool, at: string): ParsedFinding {
  const description = str(field(result, 'description'));
  const severityWord = str(field(result, 'severity'));
  const location = field(result, 'location');
  const filename = str(field(location, 'filename'));
  const startLine = int(field(location, 'start_line'));
  const resource = str(field(result, 'resource')) ?? resourceFromDescription(description);
  const address = resource === null ? null : withoutModulePrefix(resource);

  return buildFinding({
    tool,
    category: 'iac',
    title: str(field(result, 'rule_description')) ?? description ?? ruleId,
    description: describe(result, description),
    ruleId,
    severity: tfsecSeverity(severityWord),
    toolSeverity: severityWord,
    location: {
      // NOTE: tfsec writes the path it was given, often absolute. The repository
      // root is unknown, so only the leading '/' is removed.
      path: filename === null ? null : normalizeRepoPath(filename),
      startLine,
      endLine: int(field(location, 'end_line')) ?? startLine,
      resourceType: terraformResourceType('terraform', address),
      resourceName: resource,
    },
    triage: ignoredTriage(result),
    references: references(result),
    sourcePointer: at,
  });
}

function resourceFromDescription(description: string | null): string | null {
  const match = description === null ? null : RESOURCE_IN_DESCRIPTION.exec(description.slice(0, MAX_TEXT_SCANNED));
  return match?.[1] ?? null;
}

/** tfsec writes module resources as "module.vpc:aws_subnet.a"; the part after the colon is the address. */
function withoutModulePrefix(resource: string): string {
  const bracket = resource.indexOf('[');
  const colon = resource.lastIndexOf(':', bracket === -1 ? undefined : bracket);
  return colon === -1 ? resource : resource.slice(colon + 1);
}

function references(result: JsonObject): string[] {
  const legacyLink = str(field(result, 'link'));
  const legacyUrl = legacyLink === null ? null : (LEGACY_LINK.exec(legacyLink.slice(0, MAX_TEXT_SCANNED))?.[1] ?? null);
  return [...strings(field(result, 'links')), legacyUrl].filter((url): url is string => url !== null);
}

function describe(result: JsonObject, description: string | null): string {
  const legacyId = str(field(result, 'legacy_rule_id'));
  const longId = str(field(result, 'long_id'));
  const impact = str(field(result, 'impact'));
  const resolution = str(field(result, 'resolution'));
  return [
    description,
    impact === null ? null : `Impact: ${impact}`,
    resolution === null ? null : `Resolution: ${resolution}`,
    longId === null ? null : `Rule: ${longId}.`,
    legacyId === null ? null : `Legacy rule id: ${legacyId}.`,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}

// tfsec lists results silenced by a tfsec:ignore comment only with
// --include-ignored, with status "ignored".
function ignoredTriage(result: JsonObject): TriageStatement | null {
  return str(field(result, 'status')) === 'ignored' ? { state: 'suppressed', justification: null, detail: 'tfsec:ignore comment in source' } : null;
}
