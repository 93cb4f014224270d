import { createHash } from 'node:crypto';
import type { NormalizedFinding, ParsedFinding } from '@sieve/contracts';
import { normalizeRepoPath } from '@sieve/domain';
import { areRelatedFamilies, familyOfCwes, normalizeRuleId, ruleFamilyOf } from './code-rule-families.js';
import { noMatch, sameTool, sharedSpecificCwes, type Correlation } from './correlation.js';

/**
 * Lines added on each side of a code finding's range before two ranges are
 * compared. With 3, two findings whose ranges are at most 6 lines apart can
 * meet: tools point at different lines of one statement or data flow (sink
 * call, argument, enclosing assignment), and two scans of a file a few
 * commits apart drift by a few lines.
 */
export const DEFAULT_LINE_WINDOW = 3;

export interface CodeCorrelationOptions {
  /** Lines added on each side of each range; DEFAULT_LINE_WINDOW when not given. */
  window?: number;
}

/**
 * Decides whether two static-analysis findings of different tools on one
 * asset are the same flaw. They must be in the same file (back-slashes and a
 * leading "./" ignored, case kept). Their line ranges, widened by `window` on
 * each side, must overlap. And they must name the same weakness: the same
 * rule id (one engine in two report formats), a shared CWE that is not a
 * pillar or class entry, or the same rule family. Two findings on overlapping
 * lines whose families are related but different (a swallowed exception and
 * a too broad catch of the same `except:`) return `match: false` with the
 * rule `code-related`. Findings of one tool never correlate: the tool
 * already distinguished them.
 */
export function correlateCode(a: NormalizedFinding, b: NormalizedFinding, options: CodeCorrelationOptions = {}): Correlation {
  const window = options.window ?? DEFAULT_LINE_WINDOW;
  const x = a.finding;
  const y = b.finding;

  if (x.category !== 'sast' || y.category !== 'sast') {
    return noMatch('not both static-analysis findings');
  }
  if (a.asset !== b.asset) {
    return noMatch('different assets');
  }
  if (sameTool(x.tool, y.tool)) {
    return noMatch('same tool: its own findings stay apart');
  }
  if (x.location.path === null || y.location.path === null || normalizeRepoPath(x.location.path) !== normalizeRepoPath(y.location.path)) {
    return noMatch('different files');
  }

  const gap = lineGap(x, y);
  if (gap === null) {
    return noMatch('a finding has no line');
  }
  if (gap > 2 * window) {
    return noMatch(`lines ${gap} apart, more than twice the window of ${window}`);
  }
  return compareWeakness(x, y, gap);
}

function compareWeakness(x: ParsedFinding, y: ParsedFinding, gap: number): Correlation {
  if (x.ruleId !== null && y.ruleId !== null && normalizeRuleId(x.ruleId) === normalizeRuleId(y.ruleId)) {
    return { match: true, rule: 'code-same-rule-window', reason: `same file, lines ${gap} apart, same rule ${x.ruleId}`, distance: gap };
  }
  const cwes = sharedSpecificCwes(x.cwes, y.cwes);
  if (cwes.length > 0) {
    return { match: true, rule: 'code-cwe-window', reason: `same file, lines ${gap} apart, shared ${cwes.join(', ')}`, distance: gap };
  }
  const familyX = ruleFamilyOf(x.ruleId);
  const familyY = ruleFamilyOf(y.ruleId);
  if (familyX !== null && familyX === familyY) {
    return { match: true, rule: 'code-family-window', reason: `same file, lines ${gap} apart, rule family ${familyX}`, distance: gap };
  }
  if (familyX !== null && familyY !== null && areRelatedFamilies(familyX, familyY)) {
    return noMatch(`same construct, different weaknesses (${familyX} and ${familyY}): related, kept apart`, 'code-related');
  }
  // One tool names the weakness only by rule id, the other only by CWE (Bandit gives no CWE).
  const ruleFamily = familyX ?? familyY;
  const unnamed = familyX === null ? x : y;
  if (ruleFamily !== null && (familyX === null) !== (familyY === null) && familyOfCwes(unnamed.cwes) === ruleFamily) {
    return { match: true, rule: 'code-family-cwe-window', reason: `same file, lines ${gap} apart, rule family ${ruleFamily} by rule id and by CWE`, distance: gap };
  }
  return noMatch('different weaknesses (no shared CWE, family or rule)');
}

/** Lines between two ranges (0 when they overlap), or null when either has no start line. */
export function lineGap(x: ParsedFinding, y: ParsedFinding): number | null {
  const a = rangeOf(x);
  const b = rangeOf(y);
  if (a === null || b === null) {
    return null;
  }
  return Math.max(0, a.start - b.end, b.start - a.end);
}

function rangeOf(finding: ParsedFinding): { start: number; end: number } | null {
  const start = finding.location.startLine;
  if (start === null) {
    return null;
  }
  const end = finding.location.endLine ?? start;
  return { start: Math.min(start, end), end: Math.max(start, end) };
}

/**
 * Returns the part of a code finding's identity key that locates it in its
 * file, chosen to survive unrelated lines being added or removed above it:
 *
 * - with a snippet, the snippet hash (`snippet:<sha256>`), which the parsers
 *   compute from the flagged code without line numbers;
 * - without one, a hash of the finding's title and description with digits
 *   folded (`message:<hash>`), so line numbers quoted in a message do not
 *   matter. This is coarse: two findings of one rule in one file with the same
 *   message share the anchor and become one finding. The start line is never
 *   used, because it changes with every edit above the finding.
 */
export function codeIdentityAnchor(finding: ParsedFinding): string {
  if (finding.location.snippetHash !== null) {
    return `snippet:${finding.location.snippetHash}`;
  }
  const message = `${finding.title}\n${finding.description ?? ''}`.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
  return `message:${createHash('sha256').update(message, 'utf8').digest('hex').slice(0, 32)}`;
}
