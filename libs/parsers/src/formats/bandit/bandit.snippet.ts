import { snippetHash } from '@sieve/domain';

// Bandit prefixes every line of `code` with its line number and a space.
const NUMBERED_LINE = /^(\d{1,9}) ?(.*)$/;
const MAX_SNIPPET_CHARS = 100_000;

/**
 * Hashes the flagged lines of Bandit's `code`. The line numbers are removed so
 * that the hash survives code moving up or down. The context lines Bandit adds
 * around the issue are left out, so an edit next to the issue does not change
 * the hash. When no line falls in the range, every line is hashed.
 */
export function banditSnippetHash(code: string | null, firstLine: number | null, lastLine: number | null): string | null {
  if (code === null || code.length > MAX_SNIPPET_CHARS) {
    return null;
  }
  const numbered = code.split('\n').map((line) => {
    const match = NUMBERED_LINE.exec(line);
    return match === null ? { number: null, text: line } : { number: Number(match[1]), text: match[2] ?? '' };
  });
  const flagged = numbered.filter((line) => line.number !== null && firstLine !== null && lastLine !== null && line.number >= firstLine && line.number <= lastLine);
  const chosen = flagged.length > 0 ? flagged : numbered;
  return snippetHash(chosen.map((line) => line.text).join('\n'));
}
