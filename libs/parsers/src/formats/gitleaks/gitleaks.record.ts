import type { ParsedFinding, Tool } from '@sieve/contracts';
import { isRedactionMarker, normalizeRepoPath, redactSecrets, secretRef, snippetHash } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { field, int, num, str, strings, type JsonObject } from '../../json-access.js';

// Gitleaks --redact replaces every secret and match with this word.
const REDACTED = 'REDACTED';

export interface LeakReading {
  finding: ParsedFinding;
  /**
   * Texts to redact in the stored report: the raw secret, and the match when it
   * does not contain the secret. Empty when the report holds only redaction markers.
   */
  secretValues: string[];
}

/**
 * Maps one leak of either schema: Gitleaks 8 (RuleID, Secret, Match, File,
 * StartLine) or Gitleaks 7 (rule, offender, line, file, lineNumber). The
 * secret, the matched text and the commit message are never kept as text:
 * the secret becomes a SecretRef and the match only a redacted snippet hash.
 * A match that does not contain the secret (a rule without a secret group, or
 * a hand-made report) is redacted whole and gets no snippet hash, because
 * Gitleaks --redact hides the match as well. A report whose secrets were
 * already replaced by redaction markers gives the same SecretRef and snippet
 * hash as the original.
 */
export function readLeak(leak: JsonObject, ruleId: string, tool: Tool, at: string): LeakReading {
  const rawSecret = str(field(leak, 'Secret')) ?? str(field(leak, 'offender'));
  const secret = rawSecret === null || rawSecret === REDACTED ? null : rawSecret;
  const redact = (text: string): string => (secret === null ? text : redactSecrets(text, [secret]));

  const file = str(field(leak, 'File')) ?? str(field(leak, 'file'));
  const path = file === null ? null : normalizeRepoPath(file);
  const startLine = int(field(leak, 'StartLine')) ?? int(field(leak, 'lineNumber'));
  const match = str(field(leak, 'Match')) ?? str(field(leak, 'line'));
  const matchIsSecret = match !== null && match !== REDACTED && !isRedactionMarker(match) && (secret === null || !match.includes(secret));
  // A marker other than the secret's stands for a match that was redacted whole.
  const matchRedactedWhole = match !== null && isRedactionMarker(match) && match !== secret;
  const hashedMatch = match === null || matchIsSecret || matchRedactedWhole ? null : redact(match);
  const ruleName = str(field(leak, 'Description')) ?? ruleId;

  const finding = buildFinding({
    tool,
    category: 'secret',
    title: redact(path === null ? ruleName : `${ruleName} in ${path}`),
    description: redact(describe(leak, ruleId)),
    ruleId,
    fingerprint: str(field(leak, 'Fingerprint')),
    location: {
      path,
      startLine,
      // Gitleaks 7 matches line by line, so a leak ends on its start line.
      endLine: int(field(leak, 'EndLine')) ?? startLine,
      snippetHash: snippetHash(hashedMatch),
    },
    secret: secret === null ? null : secretRef(secret),
    references: [str(field(leak, 'Link')), str(field(leak, 'leakURL'))].filter((r): r is string => r !== null),
    sourcePointer: at,
  });
  const secretValues = [secret === null || isRedactionMarker(secret) ? null : secret, matchIsSecret ? match : null];
  return { finding, secretValues: secretValues.filter((value): value is string => value !== null) };
}

// The commit goes into the description only: the same leaked value found in a
// later commit is the same finding.
function describe(leak: JsonObject, ruleId: string): string {
  const commit = str(field(leak, 'Commit')) ?? str(field(leak, 'commit'));
  const tagList = field(leak, 'Tags');
  const tags = Array.isArray(tagList) ? strings(tagList).join(', ') : str(field(leak, 'tags'));
  const entropy = num(field(leak, 'Entropy'));
  return [
    `Found by Gitleaks rule ${ruleId}.`,
    commit === null ? null : `Commit: ${commit}.`,
    tags === null || tags.length === 0 ? null : `Tags: ${tags}.`,
    entropy === null || entropy === 0 ? null : `Entropy: ${entropy}.`,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}
