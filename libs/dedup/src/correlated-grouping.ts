import type { NormalizedFinding } from '@sieve/contracts';
import type { CodeCorrelationOptions } from './code-correlation.js';
import type { CorrelationRule } from './correlation.js';
import { correlateFindings, correlationBlockOf } from './finding-correlation.js';

/** A merge made by a correlation rule: `from` joined the group of `to`. */
export interface CorrelationLink<T> {
  from: T;
  to: T;
  rule: CorrelationRule;
  reason: string;
}

export interface CorrelatedGroups<T> {
  /** Groups in the order of their first item; each group is one finding. */
  groups: T[][];
  links: CorrelationLink<T>[];
}

export interface GroupingAccess<T> {
  keysOf: (item: T) => readonly string[];
  eventOf: (item: T) => NormalizedFinding;
  /**
   * The stored finding an item already belongs to, or null for a new
   * sighting. A correlation never joins two groups that each hold a stored
   * finding: stored findings stay as they are, and only new sightings join.
   */
  ownerOf?: (item: T) => string | null;
  /** Stored findings the item's group must never join, because a person split the item off them. */
  separatedFrom?: (item: T) => readonly string[];
}

/**
 * Groups sightings the way the dedup stage does, in memory: first every
 * sightings that share an identity key (any key), then groups joined by a
 * cross-tool correlation rule. Candidate pairs are compared within their
 * correlation block and merged nearest first, and at equal distance by the
 * more specific rule. A correlation never merges two
 * groups that both hold a sighting of the same tool, because that tool
 * reported them as two findings. So when one tool reports two close flaws and
 * another tool one, the other tool's sighting joins the nearer one only. With
 * `ownerOf` and `separatedFrom` it also never joins two stored findings, nor
 * a group with a stored finding its items were split from.
 */
export function groupWithCorrelation<T>(items: readonly T[], access: GroupingAccess<T>, options: CodeCorrelationOptions = {}): CorrelatedGroups<T> {
  const sets = new DisjointSets(items.length);
  const owner = new Map<string, number>();
  items.forEach((item, index) => {
    for (const key of access.keysOf(item)) {
      const other = owner.get(key);
      if (other === undefined) owner.set(key, index);
      else sets.union(index, other);
    }
  });

  const traits = new Map<number, GroupTraits>();
  items.forEach((item, index) => {
    const root = sets.find(index);
    const current = traits.get(root) ?? { tools: new Set<string>(), owners: new Set<string>(), separated: new Set<string>() };
    current.tools.add(access.eventOf(item).finding.tool.name.trim().toLowerCase());
    const owner = access.ownerOf?.(item) ?? null;
    if (owner !== null) current.owners.add(owner);
    for (const finding of access.separatedFrom?.(item) ?? []) current.separated.add(finding);
    traits.set(root, current);
  });

  const links: CorrelationLink<T>[] = [];
  for (const candidate of candidatePairs(items, access, sets, options)) {
    const rootA = sets.find(candidate.a);
    const rootB = sets.find(candidate.b);
    if (rootA === rootB || !mayJoin(traits.get(rootA)!, traits.get(rootB)!)) {
      continue;
    }
    const root = sets.union(rootA, rootB);
    traits.set(root, joinTraits(traits.get(rootA)!, traits.get(rootB)!));
    links.push({ from: items[candidate.a]!, to: items[candidate.b]!, rule: candidate.rule, reason: candidate.reason });
  }

  const groups = new Map<number, T[]>();
  items.forEach((item, index) => {
    const root = sets.find(index);
    const group = groups.get(root) ?? [];
    group.push(item);
    groups.set(root, group);
  });
  return { groups: [...groups.values()], links };
}

/** What decides whether two groups may be joined by a correlation. */
interface GroupTraits {
  tools: Set<string>;
  owners: Set<string>;
  separated: Set<string>;
}

function mayJoin(a: GroupTraits, b: GroupTraits): boolean {
  const shares = (x: Set<string>, y: Set<string>) => [...x].some((value) => y.has(value));
  if (shares(a.tools, b.tools)) return false;
  if (a.owners.size > 0 && b.owners.size > 0) return false;
  return !shares(a.separated, b.owners) && !shares(b.separated, a.owners);
}

function joinTraits(a: GroupTraits, b: GroupTraits): GroupTraits {
  return {
    tools: new Set([...a.tools, ...b.tools]),
    owners: new Set([...a.owners, ...b.owners]),
    separated: new Set([...a.separated, ...b.separated]),
  };
}

interface Candidate {
  a: number;
  b: number;
  distance: number;
  rule: CorrelationRule;
  reason: string;
}

function candidatePairs<T>(items: readonly T[], access: GroupingAccess<T>, sets: DisjointSets, options: CodeCorrelationOptions): Candidate[] {
  const blocks = new Map<string, number[]>();
  items.forEach((item, index) => {
    const block = correlationBlockOf(access.eventOf(item));
    if (block !== null) {
      blocks.set(block, [...(blocks.get(block) ?? []), index]);
    }
  });

  const candidates: Candidate[] = [];
  for (const members of blocks.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i]!;
        const b = members[j]!;
        if (sets.find(a) === sets.find(b)) continue;
        const result = correlateFindings(access.eventOf(items[a]!), access.eventOf(items[b]!), options);
        if (result.match && result.rule !== null) {
          candidates.push({ a, b, distance: result.distance, rule: result.rule, reason: result.reason });
        }
      }
    }
  }
  return candidates.sort((x, y) => x.distance - y.distance || STRENGTH[x.rule] - STRENGTH[y.rule] || x.a - y.a || x.b - y.b);
}

// At equal distance the more specific evidence wins: the same rule id (one
// engine in two formats) before a shared CWE before a shared family.
const STRENGTH: Record<CorrelationRule, number> = {
  'code-same-rule-window': 0,
  'code-cwe-window': 1,
  'code-family-window': 2,
  'code-family-cwe-window': 2,
  'code-related': 3,
  'iac-control': 0,
  'dast-endpoint-cwe': 0,
  'sca-versionless': 0,
};

/** Union-find over item positions; the smaller position becomes the root, so group order is stable. */
class DisjointSets {
  private readonly parent: number[];

  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, index) => index);
  }

  find(index: number): number {
    let current = index;
    while (this.parent[current] !== current) {
      this.parent[current] = this.parent[this.parent[current]!]!;
      current = this.parent[current]!;
    }
    return current;
  }

  union(a: number, b: number): number {
    const rootA = this.find(a);
    const rootB = this.find(b);
    const root = Math.min(rootA, rootB);
    this.parent[Math.max(rootA, rootB)] = root;
    return root;
  }
}
