import type { AssetContext } from '@sieve/contracts';
import type { BackstageEntity } from './backstage-entity.schema.js';
import type { CatalogEntity, CatalogGroup, CatalogKind } from './catalog.model.js';
import { shortEntityRef } from './entity-ref.parser.js';
import type { SieveAnnotations } from './sieve-annotations.parser.js';

/** Component `spec.type` values that map to a Sieve asset kind. Other types leave the kind unset. */
const ASSET_KIND_BY_COMPONENT_TYPE: ReadonlyMap<string, string> = new Map([
  ['service', 'service'],
  ['website', 'service'],
  ['library', 'repository'],
]);

/** Builds the `catalog:<file>#<kind>:<name>` source recorded with every value taken from an entity. */
export function catalogSource(file: string, kind: string, name: string): string {
  return `catalog:${file}#${kind}:${name}`;
}

export function toCatalogEntity(entity: BackstageEntity, kind: Exclude<CatalogKind, 'Group'>, source: string): CatalogEntity {
  const spec = entity.spec ?? {};
  return {
    kind,
    name: entity.metadata.name,
    type: spec.type ?? null,
    owner: optionalRef(spec.owner),
    system: optionalRef(spec.system),
    domain: optionalRef(spec.domain),
    lifecycle: spec.lifecycle ?? null,
    source,
  };
}

export function toCatalogGroup(entity: BackstageEntity, source: string): CatalogGroup {
  const spec = entity.spec ?? {};
  return {
    name: entity.metadata.name,
    type: spec.type ?? null,
    parent: optionalRef(spec.parent),
    children: (spec.children ?? []).map(shortEntityRef),
    source,
  };
}

/**
 * Builds the asset context of a Component. Every value set here carries
 * `source`. CODEOWNERS rules are not known from the catalog and stay empty.
 */
export function toAssetContext(component: CatalogEntity, annotations: SieveAnnotations, source: string, updatedAt: number): AssetContext {
  const sourceIf = (isSet: boolean): string | null => (isSet ? source : null);
  const dataClasses = annotations.dataClasses ?? [];

  return {
    asset: component.name,
    kind: component.type === null ? null : (ASSET_KIND_BY_COMPONENT_TYPE.get(component.type.toLowerCase()) ?? null),
    owner: component.owner,
    ownerSource: sourceIf(component.owner !== null),
    exposure: annotations.exposure,
    exposureSource: sourceIf(annotations.exposure !== null),
    dataClasses,
    dataClassesSource: sourceIf(annotations.dataClasses !== null),
    criticality: annotations.criticality,
    criticalitySource: sourceIf(annotations.criticality !== null),
    system: component.system,
    lifecycle: component.lifecycle,
    images: annotations.images,
    codeOwners: [],
    codeOwnersSource: null,
    runtimeObservations: [],
    updatedAt,
  };
}

function optionalRef(ref: string | undefined): string | null {
  if (ref === undefined) {
    return null;
  }
  const short = shortEntityRef(ref);
  return short === '' ? null : short;
}
