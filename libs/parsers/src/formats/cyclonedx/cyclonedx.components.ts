import { arr, field, isObject, str, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import { packageFromPurl } from '../../package-builder.js';
import type { Component, ParseWarning } from '../../report-format.js';

// Deeper nesting than this is not a real bill of materials; stop rather than overflow the stack.
const MAX_NESTING = 64;

/** A component of the BOM with where it sits, kept so vulnerabilities can resolve their affects refs. */
export interface BomComponent {
  record: JsonObject;
  bomRef: string | null;
  /** Normalised purl, or null for components without one (applications, files, operating systems). */
  purl: string | null;
  /** Name with group, written the way the ecosystem does ("@babel/core", "org.foo:bar"). */
  name: string;
  version: string | null;
}

/** Lists components[] and every nested components[] below them, depth first. */
export function flattenComponents(list: unknown, base: string, warnings: ParseWarning[], depth = 0): BomComponent[] {
  if (depth > MAX_NESTING) {
    warnings.push({ message: `components nested deeper than ${MAX_NESTING} levels skipped`, location: base });
    return [];
  }
  const found: BomComponent[] = [];
  arr(list).forEach((record, index) => {
    const at = pointer(base, index);
    const name = str(field(record, 'name'));
    if (!isObject(record) || name === null) {
      warnings.push({ message: 'component without a name skipped', location: at });
      return;
    }
    found.push(describeComponent(record, name, at, warnings));
    found.push(...flattenComponents(field(record, 'components'), pointer(at, 'components'), warnings, depth + 1));
  });
  return found;
}

function describeComponent(record: JsonObject, name: string, at: string, warnings: ParseWarning[]): BomComponent {
  const rawPurl = str(field(record, 'purl'));
  const parsed = rawPurl === null ? null : packageFromPurl(rawPurl);
  if (rawPurl !== null && parsed === null) {
    warnings.push({ message: `invalid package URL "${rawPurl.slice(0, 200)}" on component ${name}`, location: pointer(at, 'purl') });
  }
  const group = str(field(record, 'group'));
  const separator = parsed?.ecosystem === 'maven' ? ':' : '/';
  return {
    record,
    bomRef: str(field(record, 'bom-ref')),
    purl: parsed?.purl ?? null,
    name: group === null ? name : `${group}${separator}${name}`,
    version: str(field(record, 'version')),
  };
}

/** Returns the license ids, names or SPDX expressions of a component, in report order. */
function licensesOf(record: JsonObject): string[] {
  const licenses = arr(field(record, 'licenses'))
    .map((entry) => str(field(entry, 'expression')) ?? str(field(field(entry, 'license'), 'id')) ?? str(field(field(entry, 'license'), 'name')))
    .filter((license): license is string => license !== null);
  return [...new Set(licenses)];
}

/**
 * Lists the SBOM entries of the report: each component with a purl, once per
 * purl. `direct` is null when the BOM has no dependency graph for its subject.
 */
export function sbomComponents(components: BomComponent[], directRefs: Set<string> | null): Component[] {
  const byPurl = new Map<string, Component>();
  for (const component of components) {
    if (component.purl === null) {
      continue;
    }
    const direct = directRefs === null ? null : component.bomRef !== null && directRefs.has(component.bomRef);
    const known = byPurl.get(component.purl);
    if (known !== undefined) {
      known.direct = known.direct === true || direct === true ? true : direct;
      continue;
    }
    byPurl.set(component.purl, { purl: component.purl, name: component.name, version: component.version, licenses: licensesOf(component.record), direct });
  }
  return [...byPurl.values()];
}

/**
 * Refs of the components the BOM's subject (metadata.component) depends on
 * directly. Components without a purl on the way, such as the lock file or
 * OS entries Trivy puts between the subject and its packages, are passed
 * through, so their packages count as direct. Returns null when the BOM has
 * no dependency graph or the graph has no entry for the subject.
 */
export function directDependencyRefs(bom: JsonObject, components: BomComponent[]): Set<string> | null {
  const dependencies = field(bom, 'dependencies');
  const rootRef = str(field(field(field(bom, 'metadata'), 'component'), 'bom-ref'));
  if (!Array.isArray(dependencies) || rootRef === null) {
    return null;
  }
  const graph = new Map<string, string[]>();
  for (const entry of dependencies) {
    const ref = str(field(entry, 'ref'));
    if (ref !== null) {
      graph.set(ref, arr(field(entry, 'dependsOn')).map(str).filter((dependency): dependency is string => dependency !== null));
    }
  }
  if (!graph.has(rootRef)) {
    return null;
  }
  const withoutPurl = components.flatMap((component) => (component.purl === null && component.bomRef !== null ? [component.bomRef] : []));
  return collectDirect(rootRef, graph, new Set(withoutPurl));
}

function collectDirect(rootRef: string, graph: Map<string, string[]>, passThrough: Set<string>): Set<string> {
  const direct = new Set<string>();
  const visited = new Set<string>([rootRef]);
  const queue = [...(graph.get(rootRef) ?? [])];
  while (queue.length > 0) {
    const ref = queue.shift();
    if (ref === undefined || visited.has(ref)) {
      continue;
    }
    visited.add(ref);
    if (passThrough.has(ref)) {
      queue.push(...(graph.get(ref) ?? []));
    } else {
      direct.add(ref);
    }
  }
  return direct;
}
