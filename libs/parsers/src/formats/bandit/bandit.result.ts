import type { ParsedFinding, Tool } from '@sieve/contracts';
import { normalizeRepoPath } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, int, str, type JsonObject } from '../../json-access.js';
import { banditSeverity } from './bandit.severity.js';
import { banditSnippetHash } from './bandit.snippet.js';

/** Maps one Bandit result that has a test_id. `at` is the result's JSON pointer. */
export function readBanditResult(result: JsonObject, testId: string, tool: Tool, at: string): ParsedFinding {
  const text = str(field(result, 'issue_text'));
  const severityWord = str(field(result, 'issue_severity'));
  const filename = str(field(result, 'filename'));
  const lineNumber = int(field(result, 'line_number'));
  const lineRange = arr(field(result, 'line_range'))
    .map(int)
    .filter((line): line is number => line !== null);
  const startLine = lineNumber ?? (lineRange.length > 0 ? lineRange.reduce((a, b) => Math.min(a, b)) : null);
  const endLine = lineRange.length > 0 ? lineRange.reduce((a, b) => Math.max(a, b)) : startLine;
  // issue_cwe appeared in Bandit 1.7.1; older reports have no CWE.
  const cwe = field(result, 'issue_cwe');

  return buildFinding({
    tool,
    category: 'sast',
    title: text ?? testId,
    description: describe(result, testId, text),
    ruleId: testId,
    cwes: [str(field(cwe, 'id'))].filter((id): id is string => id !== null),
    severity: banditSeverity(severityWord),
    toolSeverity: severityWord,
    location: {
      path: filename === null ? null : normalizeRepoPath(filename),
      startLine,
      endLine,
      snippetHash: banditSnippetHash(str(field(result, 'code')), startLine, endLine),
    },
    references: [str(field(result, 'more_info')), str(field(cwe, 'link'))].filter((url): url is string => url !== null),
    sourcePointer: at,
  });
}

function describe(result: JsonObject, testId: string, text: string | null): string {
  const testName = str(field(result, 'test_name'));
  const confidence = str(field(result, 'issue_confidence'));
  return [
    text,
    `Bandit test ${testId}${testName === null ? '' : ` (${testName})`}.`,
    confidence === null ? null : `Confidence: ${confidence}.`,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}
