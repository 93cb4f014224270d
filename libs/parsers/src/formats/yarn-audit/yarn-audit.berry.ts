import type { ParsedFinding } from '@sieve/contracts';
import { ghsaIdsFromUrls } from '../../advisory-ids.js';
import { buildFinding } from '../../finding-builder.js';
import { field, isObject, str, strings, type JsonObject } from '../../json-access.js';
import type { JsonLine } from '../../json-lines.js';
import { lineLocation, npmPackage, YARN_AUDIT_TOOL, type YarnAuditContext } from './yarn-audit.context.js';
import { yarnSeverity } from './yarn-audit.severity.js';

const DEPRECATION_SUFFIX = '(deprecation)';

/**
 * Reads Yarn Berry `yarn npm audit --json` output: one line per advisory and
 * package, {"value": <package>, "children": {ID, Issue, URL, Severity,
 * "Vulnerable Versions", "Tree Versions", Dependents}}. One finding per
 * installed version in "Tree Versions".
 *
 * Yarn also lists deprecated packages this way, with an ID ending in
 * "(deprecation)" and no advisory URL. A deprecation is not a vulnerability,
 * so those lines are skipped and named in one warning.
 */
export function parseBerryLines(records: JsonLine[], context: YarnAuditContext): ParsedFinding[] {
  const findings: ParsedFinding[] = [];
  const deprecations: number[] = [];
  for (const record of records) {
    const at = lineLocation(record.line);
    const name = str(field(record.value, 'value'));
    const children = field(record.value, 'children');
    if (name === null || !isObject(children)) {
      context.warnings.push({ message: 'line without "value" and "children" skipped', location: at });
      continue;
    }
    if (isDeprecation(children)) {
      deprecations.push(record.line);
      continue;
    }
    const versions = strings(field(children, 'Tree Versions'));
    for (const version of versions.length > 0 ? versions : [null]) {
      findings.push(advisoryFinding(children, name, version, at));
    }
  }
  if (deprecations.length > 0) {
    context.warnings.push({
      message: `${deprecations.length} deprecation ${deprecations.length === 1 ? 'notice' : 'notices'} skipped: a deprecated package is not a vulnerability`,
      location: `lines ${deprecations.join(', ')}`,
    });
  }
  return findings;
}

function isDeprecation(children: JsonObject): boolean {
  const id = str(field(children, 'ID'));
  return id !== null && id.endsWith(DEPRECATION_SUFFIX) && str(field(children, 'URL')) === null;
}

function advisoryFinding(children: JsonObject, name: string, version: string | null, at: string): ParsedFinding {
  const url = str(field(children, 'URL'));
  const ghsaIds = ghsaIdsFromUrls(url === null ? [] : [url]);
  const toolSeverity = str(field(children, 'Severity'));
  const advisoryId = str(field(children, 'ID'));

  return buildFinding({
    tool: YARN_AUDIT_TOOL,
    category: 'sca',
    title: str(field(children, 'Issue')) ?? ghsaIds[0] ?? `npm advisory ${advisoryId ?? name}`,
    description: describe(children, name),
    ruleId: advisoryId,
    vulnerabilityIds: ghsaIds,
    severity: yarnSeverity(toolSeverity),
    toolSeverity,
    package: npmPackage(name, version, []),
    references: url === null ? [] : [url],
    sourcePointer: at,
  });
}

function describe(children: JsonObject, name: string): string | null {
  const range = str(field(children, 'Vulnerable Versions'));
  const dependents = strings(field(children, 'Dependents'));
  const parts = [range === null ? null : `Vulnerable versions of ${name}: ${range}.`, dependents.length === 0 ? null : `Required by ${dependents.join(', ')}.`];
  const text = parts.filter((part): part is string => part !== null).join(' ');
  return text.length > 0 ? text : null;
}
