import type { ParsedFinding, Tool, TriageStatement } from '@sieve/contracts';
import { normalizeRepoPath } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, int, type JsonObject } from '../../json-access.js';
import { readAlertSeverity } from './github-code-scanning.severity.js';
import { text } from './github-code-scanning.value.js';

const CWE_TAG = /^external\/cwe\/cwe-(\d{1,5})$/i;
const MAX_TAGS = 100;

/** Maps one alert that is not fixed. `ruleId` is rule.id (or rule.name), `at` the alert's JSON pointer. */
export function readAlert(alert: JsonObject, ruleId: string, tool: Tool, at: string): ParsedFinding {
  const rule = field(alert, 'rule');
  const instance = field(alert, 'most_recent_instance');
  const location = field(instance, 'location');
  const path = text(field(location, 'path'));
  const startLine = int(field(location, 'start_line'));
  const message = text(field(field(instance, 'message'), 'text'));
  const severity = readAlertSeverity(rule);
  const htmlUrl = text(field(alert, 'html_url'));
  const number = int(field(alert, 'number'));

  return buildFinding({
    tool,
    category: 'sast',
    title: text(field(rule, 'description')) ?? message ?? ruleId,
    description: describe(alert, message),
    ruleId,
    // The alert number identifies the alert within its repository for as long as it exists.
    fingerprint: number === null ? null : String(number),
    cwes: cwesOf(field(rule, 'tags')),
    severity: severity.severity,
    toolSeverity: severity.toolSeverity,
    location: {
      path: path === null ? null : normalizeRepoPath(path),
      startLine,
      endLine: int(field(location, 'end_line')) ?? startLine,
    },
    triage: dismissal(alert),
    references: htmlUrl === null ? [] : [htmlUrl],
    sourcePointer: at,
  });
}

function cwesOf(tags: unknown): string[] {
  return arr(tags)
    .slice(0, MAX_TAGS)
    .map((tag) => (typeof tag === 'string' ? CWE_TAG.exec(tag)?.[1] : undefined))
    .filter((id): id is string => id !== undefined);
}

function describe(alert: JsonObject, message: string | null): string {
  const tool = field(alert, 'tool');
  const toolName = text(field(tool, 'name'));
  const toolVersion = text(field(tool, 'version'));
  const category = text(field(field(alert, 'most_recent_instance'), 'category'));
  return [
    message,
    text(field(field(alert, 'rule'), 'full_description')),
    toolName === null ? null : `Reported by ${toolName}${toolVersion === null ? '' : ` ${toolVersion}`}${category === null ? '' : ` (analysis ${category})`}.`,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}

// GitHub's dismissal reasons: "false positive", "won't fix" and "used in tests".
function dismissal(alert: JsonObject): TriageStatement | null {
  if (text(field(alert, 'state')) !== 'dismissed') {
    return null;
  }
  const reason = text(field(alert, 'dismissed_reason'));
  return {
    state: reason === 'false positive' ? 'false_positive' : 'suppressed',
    justification: reason,
    detail: text(field(alert, 'dismissed_comment')),
  };
}
