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
  const ofResult = idsInTags(resultProperties);
  return ofResult.length === 0 ? ofRule.slice() : [...ofRule, ...ofResult];
}

// The tags of a rule are read once for all the results that point to it.
const idsByRuleProperties = new WeakMap<object, string[]>();

function idsInTags(properties: unknown): string[] {
  const found: string[] = [];
  addMatchingTags(found, properties, WHOLE_VULNERABILITY_ID);
  return found;
}

// Appends the trimmed string tags of a property bag that `pattern` matches.
function addMatchingTags(found: string[], properties: unknown, pattern: RegExp): void {
  const tags = field(properties, 'tags');
  if (!Array.isArray(tags)) {
    return;
  }
  for (const tag of tags) {
    const text = str(tag);
    if (text !== null && pattern.test(text)) {
      found.push(text);
    }
  }
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
  const found = ofRule.fromProperties.slice();
  addPropertyCwes(found, field(result, 'properties'));
  const taxa = field(result, 'taxa');
  if (Array.isArray(taxa)) {
    addTaxonCwes(found, taxa, run);
  }
  for (const id of ofRule.fromRelationships) {
    found.push(id);
  }
  return found;
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
  const read: RuleCwes = { fromProperties: [], fromRelationships: [] };
  addPropertyCwes(read.fromProperties, field(rule, 'properties'));
  addTaxonCwes(read.fromRelationships, relationshipTargets, run);
  if (isObject(rule)) {
    cwesByRule.set(rule, read);
  }
  return read;
}

const CWE_TAG = /cwe[-_ /:]*\d/i;

function addPropertyCwes(found: string[], properties: unknown): void {
  addMatchingTags(found, properties, CWE_TAG);
  const cwe = field(properties, 'cwe');
  if (Array.isArray(cwe)) {
    found.push(...strings(cwe));
    return;
  }
  const text = str(cwe);
  if (text !== null) {
    found.push(text);
  }
}

function addTaxonCwes(found: string[], references: unknown[], run: unknown): void {
  for (const reference of references) {
    const id = cweTaxonId(reference, run);
    if (id !== null) {
      found.push(id);
    }
  }
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
