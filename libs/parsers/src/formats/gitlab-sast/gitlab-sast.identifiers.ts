import { arr, field, str } from '../../json-access.js';

export interface IdentifierReading {
  /** The analyzer's rule: the first identifier that is not a CWE, OWASP, CVE or GHSA reference. */
  ruleId: string | null;
  cwes: string[];
  vulnerabilityIds: string[];
  references: string[];
}

const REFERENCE_TYPES = new Set(['cwe', 'owasp', 'cve', 'ghsa', 'osvdb', 'usn', 'rhsa', 'elsa']);
const VULNERABILITY_TYPES = new Set(['cve', 'ghsa']);
const MAX_IDENTIFIERS = 100;

/**
 * Reads a vulnerability's `identifiers`. The first identifier is the primary
 * one by the schema, usually the analyzer's rule. njsscan writes the rule's
 * message as the value and the rule name as the name, so a value with spaces
 * gives way to a name without. A CWE is read from the value ("79") and, when
 * the value is not a number (njsscan again), from the name ("CWE-798").
 */
export function readIdentifiers(vulnerability: unknown): IdentifierReading {
  const reading: IdentifierReading = { ruleId: null, cwes: [], vulnerabilityIds: [], references: [] };
  for (const identifier of arr(field(vulnerability, 'identifiers')).slice(0, MAX_IDENTIFIERS)) {
    const type = str(field(identifier, 'type'))?.toLowerCase() ?? '';
    const value = str(field(identifier, 'value'));
    const name = str(field(identifier, 'name'));
    const url = str(field(identifier, 'url'));
    if (url !== null && /^https?:\/\//.test(url)) {
      reading.references.push(url);
    }
    if (type === 'cwe') {
      reading.cwes.push(...[value, name].filter((text): text is string => text !== null));
    } else if (VULNERABILITY_TYPES.has(type) && value !== null) {
      reading.vulnerabilityIds.push(value);
    } else if (!REFERENCE_TYPES.has(type) && reading.ruleId === null) {
      reading.ruleId = ruleOf(value, name);
    }
  }
  return reading;
}

function ruleOf(value: string | null, name: string | null): string | null {
  if (value !== null && /\s/.test(value) && name !== null && !/\s/.test(name)) {
    return name;
  }
  return value ?? name;
}
