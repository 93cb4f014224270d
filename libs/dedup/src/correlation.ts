/**
 * Version of the correlation rules (correlateCode, correlateDependency,
 * correlateDast, correlateIac). Stored with every merge they make, so a merge
 * can be explained after the rules change. They produce no stored keys, so a
 * new version needs no migration.
 */
export const CORRELATION_RULES_VERSION = 2;

/**
 * The rule that decided whether two findings of different tools are one flaw
 * although they share no identity key.
 */
export type CorrelationRule =
  | 'code-cwe-window'
  | 'code-family-window'
  | 'code-family-cwe-window'
  | 'code-same-rule-window'
  | 'code-related'
  | 'iac-control'
  | 'dast-endpoint-cwe'
  | 'sca-versionless';

/** Outcome of comparing two findings; `rule` is null when no rule applied. */
export interface Correlation {
  match: boolean;
  rule: CorrelationRule | null;
  reason: string;
  /** How far apart the two findings are (lines for code and IaC, 0 for DAST and packages); nearer matches are merged first. */
  distance: number;
}

export function noMatch(reason: string, rule: CorrelationRule | null = null): Correlation {
  return { match: false, rule, reason, distance: Number.POSITIVE_INFINITY };
}

// CWE entries of the pillar and class levels name a whole area rather than a
// weakness, so sharing one of them says little: "improper input validation"
// or "protection mechanism failure" covers most findings of a file.
const BROAD_CWES = new Set(['CWE-16', 'CWE-20', 'CWE-284', 'CWE-664', 'CWE-691', 'CWE-693', 'CWE-703', 'CWE-707', 'CWE-710']);

/** CWEs present in both lists, without the pillar and class entries that are too broad to identify a flaw. */
export function sharedSpecificCwes(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return a.filter((cwe) => other.has(cwe) && !BROAD_CWES.has(cwe));
}

export function sameTool(a: { name: string }, b: { name: string }): boolean {
  return a.name.trim().toLowerCase() === b.name.trim().toLowerCase();
}
