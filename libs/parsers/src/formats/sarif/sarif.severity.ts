import { severityFromCvssScore, type Severity } from '@sieve/domain';
import { field, isObject, num, str } from '../../json-access.js';

export interface SeverityReading {
  severity: Severity;
  toolSeverity: string | null;
}

// Maps, not object literals, so that a level such as "constructor" finds nothing.
const LEVELS = new Map<string, Severity>([
  ['error', 'high'],
  ['warning', 'medium'],
  ['note', 'low'],
  ['none', 'info'],
]);

const WORDS = new Map<string, Severity>([
  ['critical', 'critical'],
  ['high', 'high'],
  ['medium', 'medium'],
  ['moderate', 'medium'],
  ['low', 'low'],
  ['negligible', 'low'],
  ['info', 'info'],
  ['informational', 'info'],
  ['none', 'info'],
]);

// Property names under which producers write their own severity word.
// OWASP Dependency-Check writes `severity` (RetireJS findings) or
// `cvssv3_baseSeverity` / `cvssv2_severity` (NVD findings) and sets every
// result to level "error", so these words describe the finding better.
const SEVERITY_PROPERTIES = ['severity', 'cvssv3_baseSeverity', 'cvssv2_severity'];

/**
 * Reads a result's severity from the first of these that is present:
 * 1. `security-severity` (a CVSS-like score, or a word as Semgrep writes it) on the result, then on the rule;
 * 2. a severity word in the result or rule properties;
 * 3. the result's level, the level its kind implies, the rule's default level.
 * When nothing gives a level, SARIF 2.1.0 defines it as "warning". It is
 * recorded as "warning (default)" to keep it distinct from a level the tool wrote.
 */
export function readSeverity(result: unknown, rule: unknown): SeverityReading {
  const resultProperties = field(result, 'properties');
  const ruleProperties = field(rule, 'properties');
  return (
    fromSecuritySeverity(field(resultProperties, 'security-severity')) ??
    ruleSecuritySeverity(ruleProperties) ??
    fromSeverityWord(resultProperties) ??
    fromSeverityWord(ruleProperties) ??
    fromLevel(result, rule)
  );
}

// Thousands of results share a few rules, so each rule's `security-severity` is read once.
// The readings are frozen because every result of the rule gets the same object.
const securitySeverityByRuleProperties = new WeakMap<object, Readonly<SeverityReading> | null>();

function ruleSecuritySeverity(properties: unknown): SeverityReading | null {
  if (!isObject(properties)) {
    return null;
  }
  let reading = securitySeverityByRuleProperties.get(properties);
  if (reading === undefined) {
    const read = fromSecuritySeverity(field(properties, 'security-severity'));
    reading = read === null ? null : Object.freeze(read);
    securitySeverityByRuleProperties.set(properties, reading);
  }
  return reading;
}

function fromSeverityWord(properties: unknown): SeverityReading | null {
  if (!isObject(properties)) {
    return null;
  }
  for (const key of SEVERITY_PROPERTIES) {
    const word = str(field(properties, key));
    const severity = word === null ? undefined : WORDS.get(word.toLowerCase());
    if (word !== null && severity !== undefined) {
      return { severity, toolSeverity: word };
    }
  }
  return null;
}

function fromSecuritySeverity(value: unknown): SeverityReading | null {
  if (value === undefined) {
    return null;
  }
  const score = num(value);
  if (score !== null && score >= 0 && score <= 10) {
    return { severity: severityFromCvssScore(score), toolSeverity: String(str(value)) };
  }
  const word = str(value);
  const severity = word === null ? undefined : WORDS.get(word.toLowerCase());
  return word !== null && severity !== undefined ? { severity, toolSeverity: word } : null;
}

function fromLevel(result: unknown, rule: unknown): SeverityReading {
  const level = str(field(result, 'level'));
  const mapped = level === null ? undefined : LEVELS.get(level);
  if (level !== null && mapped !== undefined) {
    return { severity: mapped, toolSeverity: level };
  }

  // A result whose kind is not "fail" (review, open, informational) has level
  // "none" unless it sets a level itself.
  const kind = str(field(result, 'kind'));
  if (kind !== null && kind !== 'fail') {
    return { severity: 'info', toolSeverity: `none (kind ${kind})` };
  }

  const defaultLevel = str(field(field(rule, 'defaultConfiguration'), 'level'));
  const mappedDefault = defaultLevel === null ? undefined : LEVELS.get(defaultLevel);
  if (defaultLevel !== null && mappedDefault !== undefined) {
    return { severity: mappedDefault, toolSeverity: defaultLevel };
  }

  return { severity: 'medium', toolSeverity: 'warning (default)' };
}
