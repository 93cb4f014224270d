import type { ParsedFinding, Tool, TriageStatement } from '@sieve/contracts';
import { normalizeRepoPath, snippetHash } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { field, int, str, strings, type JsonObject } from '../../json-access.js';
import { semgrepSeverity } from './semgrep.severity.js';

// Semgrep writes this in place of the code and the fingerprint when the user
// is not logged in to Semgrep.
const LOGIN_PLACEHOLDER = 'requires login';
const MAX_TITLE_SENTENCE = 200;

/** Maps one Semgrep result that has a check_id. `at` is the result's JSON pointer. */
export function readSemgrepResult(result: JsonObject, checkId: string, tool: Tool, at: string): ParsedFinding {
  const extra = field(result, 'extra');
  const metadata = field(extra, 'metadata');
  const message = str(field(extra, 'message'));
  const severityWord = str(field(extra, 'severity'));
  const path = str(field(result, 'path'));
  const startLine = int(field(field(result, 'start'), 'line'));

  return buildFinding({
    tool,
    category: 'sast',
    title: message === null ? checkId : firstSentence(message),
    description: describe(message, metadata),
    ruleId: checkId,
    fingerprint: withoutPlaceholder(str(field(extra, 'fingerprint'))),
    cwes: cwesOf(field(metadata, 'cwe')),
    severity: semgrepSeverity(severityWord),
    toolSeverity: severityWord,
    location: {
      path: path === null ? null : normalizeRepoPath(path),
      startLine,
      endLine: int(field(field(result, 'end'), 'line')) ?? startLine,
      snippetHash: snippetHash(withoutPlaceholder(str(field(extra, 'lines')))),
    },
    triage: ignoredTriage(field(extra, 'is_ignored')),
    references: [...strings(field(metadata, 'references')), str(field(metadata, 'source'))].filter((r): r is string => r !== null),
    sourcePointer: at,
  });
}

function withoutPlaceholder(value: string | null): string | null {
  return value === null || value === LOGIN_PLACEHOLDER ? null : value;
}

function cwesOf(value: unknown): string[] {
  if (Array.isArray(value)) {
    return strings(value);
  }
  const single = str(value);
  return single === null ? [] : [single];
}

/** Joins the message and the rule's impact, likelihood and confidence, when its metadata gives them. */
function describe(message: string | null, metadata: unknown): string | null {
  const notes = [
    ['impact', str(field(metadata, 'impact'))],
    ['likelihood', str(field(metadata, 'likelihood'))],
    ['confidence', str(field(metadata, 'confidence'))],
  ]
    .filter(([, value]) => value !== null)
    .map(([name, value]) => `Rule ${name}: ${value}.`);
  const parts = [message, notes.join(' ')].filter((part): part is string => part !== null && part.length > 0);
  return parts.length > 0 ? parts.join('\n\n') : null;
}

/** Cuts a message to its first sentence with line breaks folded, so that wrapped messages give one-line titles. */
function firstSentence(message: string): string {
  const folded = message.replace(/\s+/g, ' ').trim();
  const sentence = /^(.+?[.!?])(?:\s|$)/.exec(folded)?.[1];
  return sentence !== undefined && sentence.length <= MAX_TITLE_SENTENCE ? sentence : folded;
}

// Semgrep (0.32.0 and later) lists results silenced with a nosemgrep comment
// only when run with --disable-nosem, and marks them is_ignored.
function ignoredTriage(isIgnored: unknown): TriageStatement | null {
  return isIgnored === true ? { state: 'suppressed', justification: null, detail: 'nosemgrep comment in source' } : null;
}
