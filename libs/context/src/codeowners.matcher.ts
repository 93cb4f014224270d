import type { CodeOwnerRule } from '@sieve/contracts';
import { compileCodeownersPattern } from './codeowners-pattern.compiler.js';
import { normalizeRepositoryPath } from './repository-path.normalizer.js';

/** The rule that decides a path's owners. `owners` is empty when that rule un-assigns the path. */
export interface CodeownersMatch {
  owners: string[];
  line: number;
}

/**
 * Finds the owners of a repository-relative path. The last rule in file
 * order whose pattern matches wins, as on GitHub, so rules are tried from the
 * end. Returns null when no rule matches.
 */
export function matchCodeowners(rules: readonly CodeOwnerRule[], path: string): CodeownersMatch | null {
  const normalized = normalizeRepositoryPath(path);
  if (normalized === '') {
    return null;
  }

  for (let index = rules.length - 1; index >= 0; index -= 1) {
    const rule = rules[index]!;
    if (compileCodeownersPattern(rule.pattern).test(normalized)) {
      return { owners: [...rule.owners], line: rule.line };
    }
  }
  return null;
}
