import type { FindingCategory, ParsedFinding, Tool } from '@sieve/contracts';
import { normalizeRepoPath, snippetHash } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, int, str, type JsonObject } from '../../json-access.js';
import { terraformResourceType } from './checkov.resource.js';
import { checkovSeverity } from './checkov.severity.js';

const MAX_CODE_LINES = 2000;

/**
 * Maps one entry of `failed_checks`. `checkType` is the framework of the
 * enclosing report (terraform, dockerfile, kubernetes, secrets and others).
 */
export function readCheckovCheck(check: JsonObject, checkId: string, checkType: string | null, tool: Tool, at: string): ParsedFinding {
  const name = str(field(check, 'check_name'));
  const severityWord = str(field(check, 'severity'));
  const resource = str(field(check, 'resource'));
  // repo_file_path (Checkov 2.x) is relative to the repository root; file_path
  // is relative to the scanned directory.
  const file = str(field(check, 'repo_file_path')) ?? str(field(check, 'file_path'));
  const lines = arr(field(check, 'file_line_range')).map(int);
  const vulnerabilityId = str(field(field(check, 'vulnerability_details'), 'id'));

  return buildFinding({
    tool,
    category: categoryOf(checkType),
    title: name ?? checkId,
    description: describe(check, checkId, name, resource),
    ruleId: checkId,
    vulnerabilityIds: vulnerabilityId === null ? [] : [vulnerabilityId],
    severity: checkovSeverity(severityWord),
    toolSeverity: severityWord,
    location: {
      path: file === null ? null : normalizeRepoPath(file),
      // Checkov writes [0, 0] for checks on a whole file, such as a Dockerfile without USER.
      startLine: positive(lines[0]),
      endLine: positive(lines[1]),
      snippetHash: snippetHash(codeText(field(check, 'code_block'))),
      resourceType: terraformResourceType(checkType, resource),
      resourceName: resource,
    },
    references: [str(field(check, 'guideline'))].filter((url): url is string => url !== null),
    sourcePointer: at,
  });
}

function categoryOf(checkType: string | null): FindingCategory {
  if (checkType === 'secrets') {
    return 'secret';
  }
  if (checkType === 'sca_image') {
    return 'container';
  }
  if (checkType === 'sca_package') {
    return 'sca';
  }
  return 'iac';
}

function positive(line: number | null | undefined): number | null {
  return line === null || line === undefined || line === 0 ? null : line;
}

/** Joins the text of `code_block`, an array of [line number, line text] pairs. */
function codeText(block: unknown): string | null {
  const lines = arr(block)
    .slice(0, MAX_CODE_LINES)
    .map((entry) => arr(entry)[1])
    .filter((text): text is string => typeof text === 'string');
  return lines.length > 0 ? lines.join('') : null;
}

function describe(check: JsonObject, checkId: string, name: string | null, resource: string | null): string {
  const platformId = str(field(check, 'bc_check_id'));
  const text = str(field(check, 'description')) ?? str(field(check, 'short_description'));
  return [
    text ?? name,
    `Checkov check ${checkId}${platformId === null ? '' : ` (${platformId})`}${resource === null ? '' : ` failed on ${resource}`}.`,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}
