import type { CodeOwnerRule } from '@sieve/contracts';
import type { ContextWarning } from './context-warning.model.js';
import { isCodeownersOwner } from './codeowners-owner.validator.js';

/**
 * GitHub does not load a CODEOWNERS file of 3 MB or more (GitHub Docs, "About
 * code owners"), and this parser skips such a file too. MB is read as MiB here.
 */
export const MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024;

export interface CodeownersParseResult {
  rules: CodeOwnerRule[];
  warnings: ContextWarning[];
}

/**
 * Parses a CODEOWNERS file into rules in file order.
 *
 * Each line is a pattern followed by zero or more owners (`@user`,
 * `@org/team`, or an email address). A rule without owners un-assigns the
 * paths it matches. `#` at the start of a line or of a word starts a comment.
 * `\` escapes the next character, so `\#notes.md` is a pattern and `a\ b` is
 * one word. GitLab documents this escape and GitHub documents that it does
 * not honour it. Sieve accepts it so that such a file keeps the rule.
 *
 * GitHub rejects a whole file with one invalid line. This parser instead
 * skips the line (negation with `!`, GitLab section headers) or drops the
 * invalid owner, and reports each case as a warning. A rule whose owners are
 * all invalid is skipped, because keeping it would un-assign its paths.
 */
export function parseCodeowners(text: string, sourceName: string): CodeownersParseResult {
  const rules: CodeOwnerRule[] = [];
  const warnings: ContextWarning[] = [];

  const size = Buffer.byteLength(text, 'utf8');
  if (size >= MAX_CODEOWNERS_BYTES) {
    warnings.push({
      message: `CODEOWNERS file of ${size} bytes is not loaded: it must be under ${MAX_CODEOWNERS_BYTES} bytes`,
      location: sourceName,
    });
    return { rules, warnings };
  }

  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const location = `${sourceName}:${lineNumber}`;
    const rule = parseLine(line, lineNumber, location, warnings);
    if (rule !== null) {
      rules.push(rule);
    }
  });

  return { rules, warnings };
}

function parseLine(line: string, lineNumber: number, location: string, warnings: ContextWarning[]): CodeOwnerRule | null {
  const words = splitWords(line);
  const pattern = words[0];
  if (pattern === undefined) {
    return null;
  }

  if (pattern.startsWith('[') || pattern.startsWith('^[')) {
    warnings.push({ message: `line skipped: section headers and leading character ranges are not CODEOWNERS syntax on GitHub (${pattern})`, location });
    return null;
  }
  if (pattern.startsWith('!')) {
    warnings.push({ message: `line skipped: negated pattern ${pattern} is not supported in CODEOWNERS`, location });
    return null;
  }
  if (hasUnescapedBracket(pattern)) {
    warnings.push({ message: `pattern ${pattern} contains [ or ], which CODEOWNERS matches literally rather than as a character range`, location });
  }

  const ownerWords = words.slice(1);
  const owners = ownerWords.filter((owner) => isCodeownersOwner(owner));
  for (const invalid of ownerWords.filter((owner) => !isCodeownersOwner(owner))) {
    warnings.push({ message: `invalid owner ${invalid} dropped; expected @user, @org/team or an email address`, location });
  }
  if (ownerWords.length > 0 && owners.length === 0) {
    warnings.push({ message: `rule for ${pattern} skipped: none of its owners is valid`, location });
    return null;
  }

  return { pattern, owners, line: lineNumber };
}

/** Splits a line at unescaped spaces and tabs and drops a trailing comment. Escapes stay in the words. */
function splitWords(line: string): string[] {
  const words: string[] = [];
  let current = '';

  for (let index = 0; index < line.length; index += 1) {
    const char = line[index]!;
    const next = line[index + 1];

    if (char === '\\' && next !== undefined) {
      current += char + next;
      index += 1;
    } else if (char === ' ' || char === '\t') {
      if (current !== '') {
        words.push(current);
      }
      current = '';
    } else if (char === '#' && current === '') {
      break;
    } else {
      current += char;
    }
  }

  if (current !== '') {
    words.push(current);
  }
  return words;
}

function hasUnescapedBracket(pattern: string): boolean {
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index];
    if (char === '\\') {
      index += 1;
    } else if (char === '[' || char === ']') {
      return true;
    }
  }
  return false;
}
