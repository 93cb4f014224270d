import { arr, field, int, isObject, str, strings } from '../../json-access.js';

// Vulnerability ids at the start of a rule id: Grype writes "<CVE>-<package>",
// Trivy and Dependency-Check the bare CVE, govulncheck a GO- id.
const LEADING_VULNERABILITY_ID =
  /^(CVE-\d{4}-\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}|GO-\d{4}-\d{4,}|PYSEC-\d{4}-\d+|RUSTSEC-\d{4}-\d{4,}|OSV-\d{4}-\d+)/i;
const WHOLE_VULNERABILITY_ID = new RegExp(`${LEADING_VULNERABILITY_ID.source}$`, 'i');

/** Returns the vulnerability id a rule id starts with, or null for rule ids of code checks. */
export function vulnerabilityIdOfRule(ruleId: string | null): string | null {
  if (ruleId === null) {
    return null;
  }
  return LEADING_VULNERABILITY_ID.exec(ruleId)?.[1] ?? null;
}

/**
 * Vulnerability ids among the tags of a rule and then of a result (govulncheck
 * tags its GO- rules with the CVE).
 */
export function vulnerabilityIdsInTags(ruleProperties: unknown, resultProperties: unknown): string[] {
  let ofRule = isObject(ruleProperties) ? idsByRuleProperties.get(ruleProperties) : undefined;
  if (ofRule === undefined) {
    ofRule = idsInTags(ruleProperties);
    if (isObject(ruleProperties)) {
      idsByRuleProperties.set(ruleProperties, ofRule);
    }
  }
  return [...ofRule, ...idsInTags(resultProperties)];
}

// The tags of a rule are read once for all the results that point to it.
const idsByRuleProperties = new WeakMap<object, string[]>();

function idsInTags(properties: unknown): string[] {
  return strings(field(properties, 'tags')).filter((tag) => WHOLE_VULNERABILITY_ID.test(tag));
}

/**
 * CWE references of a result: rule and result tags (`external/cwe/cwe-79`,
 * `CWE-79`), a `cwe` property (a string or an array, as Snyk Code writes
 * it), and taxa or rule relationships that point into a CWE taxonomy. They
 * are listed in that order: rule properties, result properties, result taxa,
 * rule relationships.
 */
export function cweReferences(result: unknown, rule: unknown, run: unknown): string[] {
  const ofRule = ruleCwes(rule, run);
  return [...ofRule.fromProperties, ...propertyCwes(field(result, 'properties')), ...taxonCwes(arr(field(result, 'taxa')), run), ...ofRule.fromRelationships];
}

interface RuleCwes {
  fromProperties: string[];
  fromRelationships: string[];
}

// Thousands of results share a few rules, so each rule's part is read once.
// The run is fixed for a rule object, because rules belong to one run.
const cwesByRule = new WeakMap<object, RuleCwes>();

function ruleCwes(rule: unknown, run: unknown): RuleCwes {
  const cached = isObject(rule) ? cwesByRule.get(rule) : undefined;
  if (cached !== undefined) {
    return cached;
  }
  const relationshipTargets = arr(field(rule, 'relationships')).map((relationship) => field(relationship, 'target'));
  const read = { fromProperties: propertyCwes(field(rule, 'properties')), fromRelationships: taxonCwes(relationshipTargets, run) };
  if (isObject(rule)) {
    cwesByRule.set(rule, read);
  }
  return read;
}

function propertyCwes(properties: unknown): string[] {
  const found = strings(field(properties, 'tags')).filter((tag) => /cwe[-_ /:]*\d/i.test(tag));
  const cwe = field(properties, 'cwe');
  found.push(...(Array.isArray(cwe) ? strings(cwe) : [str(cwe)].filter((c): c is string => c !== null)));
  return found;
}

function taxonCwes(references: unknown[], run: unknown): string[] {
  const found: string[] = [];
  for (const reference of references) {
    const id = cweTaxonId(reference, run);
    if (id !== null) {
      found.push(id);
    }
  }
  return found;
}

// A taxon reference names its taxonomy by name, index or guid, and the taxon
// by id or by index into that taxonomy.
function cweTaxonId(reference: unknown, run: unknown): string | null {
  const toolComponent = field(reference, 'toolComponent');
  const taxonomies = arr(field(run, 'taxonomies'));
  const componentIndex = int(field(toolComponent, 'index'));
  const guid = str(field(toolComponent, 'guid'));
  const taxonomy =
    (componentIndex === null ? undefined : taxonomies[componentIndex]) ??
    taxonomies.find((candidate) => guid !== null && str(field(candidate, 'guid')) === guid);
  const taxonomyName = str(field(toolComponent, 'name')) ?? str(field(taxonomy, 'name'));
  if (taxonomyName === null || !/cwe/i.test(taxonomyName)) {
    return null;
  }

  const taxonIndex = int(field(reference, 'index'));
  const id = str(field(reference, 'id')) ?? str(field(arr(field(taxonomy, 'taxa'))[taxonIndex ?? -1], 'id'));
  return id === null ? null : `CWE-${id.replace(/^cwe[-_ ]*/i, '')}`;
}
