/**
 * Rule families: the weakness a static-analysis rule looks for, named the
 * same way for every tool, so that CodeQL's py/sql-injection, Bandit's B608,
 * Snyk Code's python/Sqli and a Semgrep rule with "sql-injection" in its id
 * all map to "sql-injection".
 *
 * A rule id maps to a family in three steps, first match wins:
 * 1. The id is normalised: a query-pack prefix before the last ":" is dropped
 *    (LGTM writes "com.lgtm/python-queries:py/sql-injection"), and a Snyk
 *    Code id keeps its first two segments ("javascript/HardcodedSecret/test"
 *    becomes "javascript/HardcodedSecret").
 * 2. Exact ids: CodeQL query ids and Bandit test ids below, compared without
 *    case; for Snyk Code ("<language>/<Rule>") the rule name alone.
 * 3. Words: the last dot-separated segment of any other id (Semgrep, GitLab
 *    rule packs) is split on ".", "_" and "-" into words, and a family
 *    matches when all the words of one of its patterns are present. Word sets
 *    need no regular expression, so no id can make matching slow.
 */
export type RuleFamily =
  | 'sql-injection'
  | 'nosql-injection'
  | 'ssrf'
  | 'xss'
  | 'xpath-injection'
  | 'ldap-injection'
  | 'command-injection'
  | 'code-injection'
  | 'path-traversal'
  | 'deserialization'
  | 'hardcoded-secret'
  | 'open-redirect'
  | 'xxe'
  | 'weak-hash'
  | 'certificate-validation-disabled'
  | 'debug-mode'
  | 'swallowed-exception'
  | 'broad-exception-catch';

const MAX_RULE_ID_CHARS = 512;

const EXACT_IDS: Record<RuleFamily, readonly string[]> = {
  'sql-injection': ['py/sql-injection', 'js/sql-injection', 'java/sql-injection', 'cs/sql-injection', 'go/sql-injection', 'rb/sql-injection', 'b608'],
  'nosql-injection': [],
  ssrf: ['py/full-ssrf', 'py/partial-ssrf', 'js/request-forgery', 'java/ssrf', 'go/request-forgery'],
  xss: ['js/reflected-xss', 'js/stored-xss', 'js/xss', 'js/xss-through-dom', 'py/reflective-xss', 'java/xss', 'go/reflected-xss', 'rb/reflected-xss'],
  'xpath-injection': ['js/xpath-injection', 'py/xpath-injection', 'java/xml/xpath-injection'],
  'ldap-injection': ['py/ldap-injection', 'java/ldap-injection'],
  'command-injection': [
    'py/command-line-injection',
    'js/command-line-injection',
    'js/shell-command-injection-from-environment',
    'java/command-line-injection',
    'go/command-injection',
    'b602',
    'b604',
    'b605',
  ],
  'code-injection': ['py/code-injection', 'js/code-injection', 'rb/code-injection', 'b307'],
  'path-traversal': ['py/path-injection', 'js/path-injection', 'java/path-injection', 'go/path-injection', 'js/zipslip'],
  deserialization: ['py/unsafe-deserialization', 'js/unsafe-deserialization', 'java/unsafe-deserialization', 'b301', 'b506'],
  'hardcoded-secret': ['js/hardcoded-credentials', 'py/hardcoded-credentials', 'go/hardcoded-credentials', 'b105', 'b106', 'b107'],
  'open-redirect': ['py/url-redirection', 'js/server-side-unvalidated-url-redirection', 'js/client-side-unvalidated-url-redirection', 'java/unvalidated-url-redirection'],
  xxe: ['py/xxe', 'js/xxe', 'java/xxe'],
  'weak-hash': ['py/weak-sensitive-data-hashing', 'js/insufficient-password-hash', 'b303', 'b324'],
  'certificate-validation-disabled': ['py/request-without-cert-validation', 'js/disabling-certificate-validation', 'b501'],
  'debug-mode': ['py/flask-debug', 'b201'],
  'swallowed-exception': ['py/empty-except', 'b110', 'b112'],
  'broad-exception-catch': ['py/catch-base-exception'],
};

// Snyk Code rule names (the part after "<language>/").
const SNYK_RULES: Record<string, RuleFamily> = {
  sqli: 'sql-injection',
  nosqli: 'nosql-injection',
  ssrf: 'ssrf',
  xss: 'xss',
  domxss: 'xss',
  xpathinjection: 'xpath-injection',
  ldapinjection: 'ldap-injection',
  commandinjection: 'command-injection',
  codeinjection: 'code-injection',
  pt: 'path-traversal',
  hardcodedsecret: 'hardcoded-secret',
  hardcodednoncryptosecret: 'hardcoded-secret',
  hardcodedcredentials: 'hardcoded-secret',
  nohardcodedcredentials: 'hardcoded-secret',
  nohardcodedpasswords: 'hardcoded-secret',
  openredirect: 'open-redirect',
  xxe: 'xxe',
  insecurehash: 'weak-hash',
};

// Word patterns, tried in this order: nosql before sql, so "nosqli" never
// reads as SQL injection.
const WORD_PATTERNS: ReadonlyArray<[RuleFamily, ReadonlyArray<readonly string[]>]> = [
  ['nosql-injection', [['nosqli'], ['nosql', 'injection']]],
  ['sql-injection', [['sqli'], ['sql', 'injection'], ['sqlinjection']]],
  ['ssrf', [['ssrf']]],
  ['xss', [['xss']]],
  ['xpath-injection', [['xpath', 'injection']]],
  ['ldap-injection', [['ldap', 'injection']]],
  ['command-injection', [['command', 'injection'], ['commandinjection'], ['shell', 'injection']]],
  ['code-injection', [['code', 'injection'], ['eval', 'injection'], ['eval', 'expression']]],
  ['path-traversal', [['path', 'traversal'], ['pathtraversal'], ['lfr']]],
  ['deserialization', [['deserialization'], ['deserialize']]],
  ['hardcoded-secret', [['hardcoded', 'secret'], ['hardcoded', 'credential'], ['hardcoded', 'credentials'], ['hardcoded', 'password'], ['hardcoded', 'jwt'], ['hardcoded', 'key'], ['hardcoded', 'token']]],
  ['open-redirect', [['open', 'redirect']]],
  ['xxe', [['xxe']]],
  ['weak-hash', [['weak', 'hash'], ['insecure', 'hash']]],
];

/** Pairs of families that describe one construct from two sides: correlated, never merged. */
const RELATED_FAMILIES: ReadonlyArray<readonly [RuleFamily, RuleFamily]> = [['swallowed-exception', 'broad-exception-catch']];

const EXACT_INDEX = new Map<string, RuleFamily>(
  (Object.entries(EXACT_IDS) as Array<[RuleFamily, readonly string[]]>).flatMap(([family, ids]) => ids.map((id) => [id, family] as [string, RuleFamily])),
);

/** The rule id as families compare it: without a query-pack prefix, lower-cased. */
export function normalizeRuleId(ruleId: string): string {
  let id = ruleId.trim().slice(0, MAX_RULE_ID_CHARS);
  const colon = id.lastIndexOf(':');
  if (colon !== -1 && id.slice(colon + 1).includes('/')) {
    id = id.slice(colon + 1);
  }
  return id.toLowerCase();
}

/** Returns the family of a static-analysis rule id, or null when no entry matches. */
export function ruleFamilyOf(ruleId: string | null): RuleFamily | null {
  if (ruleId === null || ruleId.trim() === '') {
    return null;
  }
  const id = normalizeRuleId(ruleId);
  const exact = EXACT_INDEX.get(id);
  if (exact !== undefined) {
    return exact;
  }
  const snyk = /^(?:javascript|typescript|python|java|csharp|go|ruby|php|cpp|swift|kotlin|scala|apex|elixir|rust)\/([a-z]{1,64})(?:\/|$)/.exec(id);
  if (snyk !== null) {
    return SNYK_RULES[snyk[1]!] ?? null;
  }
  const lastSegment = id.slice(id.lastIndexOf('.') + 1);
  const words = new Set(lastSegment.split(/[._\-/]+/).filter((word) => word.length > 0));
  for (const [family, patterns] of WORD_PATTERNS) {
    if (patterns.some((pattern) => pattern.every((word) => words.has(word)))) {
      return family;
    }
  }
  return null;
}

/** True for two different families that flag the same construct for different reasons. */
export function areRelatedFamilies(a: RuleFamily, b: RuleFamily): boolean {
  return RELATED_FAMILIES.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

// The CWE ids that name one family's weakness, for a tool that gives a CWE but
// a rule id no family matches (Semgrep's `subprocess-shell-true` is CWE-78).
const CWE_FAMILIES: ReadonlyMap<string, RuleFamily> = new Map<string, RuleFamily>([
  ['CWE-89', 'sql-injection'],
  ['CWE-943', 'nosql-injection'],
  ['CWE-918', 'ssrf'],
  ['CWE-79', 'xss'],
  ['CWE-643', 'xpath-injection'],
  ['CWE-90', 'ldap-injection'],
  ['CWE-77', 'command-injection'],
  ['CWE-78', 'command-injection'],
  ['CWE-94', 'code-injection'],
  ['CWE-95', 'code-injection'],
  ['CWE-22', 'path-traversal'],
  ['CWE-23', 'path-traversal'],
  ['CWE-502', 'deserialization'],
  ['CWE-798', 'hardcoded-secret'],
  ['CWE-259', 'hardcoded-secret'],
  ['CWE-601', 'open-redirect'],
  ['CWE-611', 'xxe'],
  ['CWE-327', 'weak-hash'],
  ['CWE-328', 'weak-hash'],
  ['CWE-916', 'weak-hash'],
  ['CWE-295', 'certificate-validation-disabled'],
  ['CWE-489', 'debug-mode'],
  ['CWE-215', 'debug-mode'],
]);

/** Returns the one family the CWEs name, or null when they name none or several. */
export function familyOfCwes(cwes: readonly string[]): RuleFamily | null {
  const families = new Set(cwes.map((cwe) => CWE_FAMILIES.get(cwe.toUpperCase())).filter((family): family is RuleFamily => family !== undefined));
  return families.size === 1 ? [...families][0]! : null;
}
