import { arr, field, str, strings, type JsonObject } from '../../json-access.js';
import type { SpdxPackage } from './spdx.packages.js';

// Relationship types read as "element depends on or contains the related
// element", and their inverse forms.
const FORWARD = new Set(['DEPENDS_ON', 'CONTAINS', 'HAS_PREREQUISITE']);
const INVERSE = new Set(['DEPENDENCY_OF', 'CONTAINED_BY', 'PREREQUISITE_FOR']);

/**
 * Decides for each package with a purl whether it is a direct dependency of
 * what the document describes. The roots are the DESCRIBES targets (or
 * documentDescribes). Packages without a purl on the way, such as the
 * scanned directory or a lock file entry, are passed through, so the
 * packages they hold count as direct. A package reachable only through other
 * packages is transitive (false); one not reachable from a root stays
 * unknown. Returns null when the document has no relationships to decide by.
 */
export function directDependencies(document: JsonObject, packages: SpdxPackage[]): Map<string, boolean> | null {
  const relationships = arr(field(document, 'relationships'));
  if (relationships.length === 0) {
    return null;
  }
  const graph = new Map<string, string[]>();
  const roots = new Set(strings(field(document, 'documentDescribes')));
  for (const relationship of relationships) {
    const from = str(field(relationship, 'spdxElementId'));
    const to = str(field(relationship, 'relatedSpdxElement'));
    const type = str(field(relationship, 'relationshipType'))?.toUpperCase() ?? '';
    if (from === null || to === null) {
      continue;
    }
    if (type === 'DESCRIBES') {
      roots.add(to);
    } else if (type === 'DESCRIBED_BY') {
      roots.add(from);
    } else if (FORWARD.has(type)) {
      addEdge(graph, from, to);
    } else if (INVERSE.has(type)) {
      addEdge(graph, to, from);
    }
  }
  const withoutPurl = new Set(packages.flatMap((entry) => (entry.pkg === null && entry.spdxId !== null ? [entry.spdxId] : [])));
  return walk(graph, roots, withoutPurl);
}

function addEdge(graph: Map<string, string[]>, from: string, to: string): void {
  const targets = graph.get(from) ?? [];
  targets.push(to);
  graph.set(from, targets);
}

/**
 * Walks the graph level by level from the roots. On the first level the
 * pass-through elements are expanded before the level is closed, so what
 * they hold is direct; every later level is transitive.
 */
function walk(graph: Map<string, string[]>, roots: Set<string>, passThrough: Set<string>): Map<string, boolean> {
  const direct = new Map<string, boolean>();
  const visited = new Set<string>(roots);
  let level = [...roots].flatMap((root) => graph.get(root) ?? []);
  let isFirstLevel = true;
  while (level.length > 0) {
    const members: string[] = [];
    const stack = [...level];
    while (stack.length > 0) {
      const id = stack.pop();
      if (id === undefined || visited.has(id)) {
        continue;
      }
      visited.add(id);
      if (isFirstLevel && passThrough.has(id)) {
        stack.push(...(graph.get(id) ?? []));
      } else {
        members.push(id);
      }
    }
    members.forEach((id) => direct.set(id, isFirstLevel));
    level = members.flatMap((id) => graph.get(id) ?? []);
    isFirstLevel = false;
  }
  return direct;
}
