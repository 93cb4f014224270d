import type { AssetContext } from '@sieve/contracts';
import { emptyAssetContext } from './asset-context.factory.js';

/** Origin of a context value, read from the prefix of its source. */
export type ContextOrigin = 'backstage' | 'sieve-catalog' | 'kubernetes' | 'codeowners' | 'other';

const ORIGIN_BY_PREFIX: ReadonlyArray<[string, ContextOrigin]> = [
  ['sieve-catalog:', 'sieve-catalog'],
  ['catalog:', 'backstage'],
  ['k8s:', 'kubernetes'],
  ['codeowners:', 'codeowners'],
];

/**
 * Origins of each field in order of precedence, so the first wins. An origin
 * not listed ranks after the listed ones. The reasons are in the library README:
 * - owner: Backstage is the organisation's record of who owns what;
 * - exposure: manifests show what is deployed, and a catalog entry can lag;
 * - data classes and criticality: the Sieve catalog exists to state them;
 * - kind, system and lifecycle: the descriptive catalogs first.
 */
export const FIELD_PRECEDENCE = {
  owner: ['backstage', 'sieve-catalog', 'kubernetes'],
  exposure: ['kubernetes', 'sieve-catalog', 'backstage'],
  dataClasses: ['sieve-catalog', 'backstage'],
  criticality: ['sieve-catalog', 'backstage'],
  description: ['backstage', 'sieve-catalog', 'kubernetes'],
} as const satisfies Record<string, readonly ContextOrigin[]>;

export function originOf(source: string | null): ContextOrigin {
  if (source === null) {
    return 'other';
  }
  return ORIGIN_BY_PREFIX.find(([prefix]) => source.startsWith(prefix))?.[1] ?? 'other';
}

/**
 * Merges the contexts that several sources give for the same assets into
 * one context per asset, in the order assets first appear. For each field the
 * value of the highest-ranked origin in FIELD_PRECEDENCE wins, and its source
 * is kept in the field's source. Between contexts of equal rank the earlier
 * one wins. Kind, system and lifecycle have no source of their own, so they
 * rank by the origin of the context's first source. Images are the union of
 * all contexts, CODEOWNERS rules come from the first context that has any,
 * runtime observations of all contexts are kept, and `updatedAt` is the latest.
 */
export function mergeAssetContexts(contexts: readonly AssetContext[]): AssetContext[] {
  const byAsset = new Map<string, AssetContext[]>();
  for (const context of contexts) {
    const group = byAsset.get(context.asset) ?? [];
    group.push(context);
    byAsset.set(context.asset, group);
  }
  return [...byAsset.entries()].map(([asset, group]) => mergeGroup(asset, group));
}

function mergeGroup(asset: string, group: readonly AssetContext[]): AssetContext {
  const merged = emptyAssetContext(asset, Math.max(...group.map((context) => context.updatedAt)));

  const owner = best(group, FIELD_PRECEDENCE.owner, (context) => (context.owner === null ? null : (context.ownerSource ?? '')));
  if (owner) {
    merged.owner = owner.owner;
    merged.ownerSource = owner.ownerSource;
  }
  const exposure = best(group, FIELD_PRECEDENCE.exposure, (context) => (context.exposure === null ? null : (context.exposureSource ?? '')));
  if (exposure) {
    merged.exposure = exposure.exposure;
    merged.exposureSource = exposure.exposureSource;
  }
  const dataClasses = best(group, FIELD_PRECEDENCE.dataClasses, (context) =>
    context.dataClassesSource === null && context.dataClasses.length === 0 ? null : (context.dataClassesSource ?? ''),
  );
  if (dataClasses) {
    merged.dataClasses = [...dataClasses.dataClasses];
    merged.dataClassesSource = dataClasses.dataClassesSource;
  }
  const criticality = best(group, FIELD_PRECEDENCE.criticality, (context) => (context.criticality === null ? null : (context.criticalitySource ?? '')));
  if (criticality) {
    merged.criticality = criticality.criticality;
    merged.criticalitySource = criticality.criticalitySource;
  }

  merged.kind = best(group, FIELD_PRECEDENCE.description, (context) => (context.kind === null ? null : contextSource(context)))?.kind ?? null;
  merged.system = best(group, FIELD_PRECEDENCE.description, (context) => (context.system === null ? null : contextSource(context)))?.system ?? null;
  merged.lifecycle = best(group, FIELD_PRECEDENCE.description, (context) => (context.lifecycle === null ? null : contextSource(context)))?.lifecycle ?? null;

  merged.images = [...new Set(group.flatMap((context) => context.images))];
  const withRules = group.find((context) => context.codeOwners.length > 0);
  if (withRules) {
    merged.codeOwners = withRules.codeOwners;
    merged.codeOwnersSource = withRules.codeOwnersSource;
  }
  merged.runtimeObservations = group.flatMap((context) => context.runtimeObservations);
  return merged;
}

/**
 * Finds the context whose value for a field ranks highest. `sourceOf` returns the
 * source of the context's value, '' for a value with no known source, or null
 * when the context does not set the field.
 */
function best(group: readonly AssetContext[], precedence: readonly ContextOrigin[], sourceOf: (context: AssetContext) => string | null): AssetContext | null {
  let winner: AssetContext | null = null;
  let winnerRank = Number.POSITIVE_INFINITY;
  for (const context of group) {
    const source = sourceOf(context);
    if (source === null) continue;
    const position = precedence.indexOf(originOf(source));
    const rank = position === -1 ? precedence.length : position;
    if (rank < winnerRank) {
      winner = context;
      winnerRank = rank;
    }
  }
  return winner;
}

/** Returns the source that ranks a context's unsourced fields: its first field source, or '' when it has none. */
function contextSource(context: AssetContext): string {
  return context.ownerSource ?? context.exposureSource ?? context.dataClassesSource ?? context.criticalitySource ?? context.codeOwnersSource ?? '';
}
