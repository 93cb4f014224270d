import type { ParsedFinding } from '@sieve/contracts';
import { normalizeRepoPath, snippetHash } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, int, isObject, str, strings } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { TrivyTarget } from './trivy.context.js';
import { trivySeverity } from './trivy.severity.js';

/**
 * Reads one entry of Results[].Misconfigurations. Checks that passed or were
 * excepted (Status PASS, EXCEPTION) are not findings, so they return null
 * without a warning. An entry without Status is taken as a failure, because
 * Trivy lists only failures unless asked for more.
 */
export function misconfigurationFinding(record: unknown, index: number, target: TrivyTarget): ParsedFinding | null {
  const location = pointer(target.pointer, 'Misconfigurations', index);
  const ruleId = str(field(record, 'ID')) ?? str(field(record, 'AVDID'));
  if (!isObject(record) || ruleId === null) {
    target.scan.warnings.push({ message: 'misconfiguration without an ID or AVDID skipped', location });
    return null;
  }
  const status = str(field(record, 'Status'));
  if (status !== null && status.toUpperCase() !== 'FAIL') {
    return null;
  }

  const cause = field(record, 'CauseMetadata');
  const toolSeverity = str(field(record, 'Severity'));
  const references = [str(field(record, 'PrimaryURL')), ...strings(field(record, 'References'))].filter((url): url is string => url !== null);

  return buildFinding({
    tool: target.scan.tool,
    category: 'iac',
    title: str(field(record, 'Title')) ?? ruleId,
    description: describe(record),
    ruleId,
    severity: trivySeverity(toolSeverity),
    toolSeverity,
    references,
    location: {
      path: target.target === null ? null : normalizeRepoPath(target.target),
      startLine: int(field(cause, 'StartLine')),
      endLine: int(field(cause, 'EndLine')),
      snippetHash: snippetHash(causeSnippet(cause)),
      resourceType: str(field(cause, 'Provider')),
      resourceName: str(field(cause, 'Resource')),
      image: target.scan.image,
      imageDigest: target.scan.imageDigest,
    },
    sourcePointer: location,
  });
}

/** Joins the check's description, what Trivy found (Message) and how to fix it (Resolution). */
function describe(record: Record<string, unknown>): string | null {
  const parts = [str(field(record, 'Description')), str(field(record, 'Message')), str(field(record, 'Resolution'))];
  const text = parts.filter((part): part is string => part !== null).join('\n\n');
  return text.length > 0 ? text : null;
}

/** Joins the lines Trivy marks as the cause (IsCause), or returns null when it gives no code. */
function causeSnippet(cause: unknown): string | null {
  const lines = arr(field(field(cause, 'Code'), 'Lines'))
    .filter((line) => field(line, 'IsCause') === true)
    .map((line) => field(line, 'Content'))
    .filter((content): content is string => typeof content === 'string');
  return lines.length > 0 ? lines.join('\n') : null;
}
