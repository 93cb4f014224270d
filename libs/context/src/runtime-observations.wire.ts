import type { AssetContext, RuntimeObservation } from '@sieve/contracts';
import { packageIdentity, parsePurl } from '@sieve/domain';
import { emptyAssetContext } from './asset-context.factory.js';
import type { ObservedFunction, ObservedPackage, RuntimeObservations } from './runtime-observations.model.js';

/**
 * Turns loaded observations into the form carried on `sieve.asset.context.v1`
 * and stored with the asset. The package identity is left out because the
 * reader derives it from the purl again.
 */
export function toRuntimeObservation(observations: RuntimeObservations): RuntimeObservation {
  return {
    source: observations.source,
    sensor: observations.sensor ? [observations.sensor.name, observations.sensor.version].filter(Boolean).join(' ') : null,
    windowFrom: observations.window.from,
    windowTo: observations.window.to,
    ecosystems: observations.ecosystems,
    packages: observations.packages.map(({ purl, loaded }) => ({ purl, loaded })),
    functions: observations.functions.map(({ purl, symbol, vulnerabilityIds, called }) => ({ purl, symbol, vulnerabilityIds, called })),
  };
}

/** Reads back stored observations of an asset; entries whose purl no longer parses are dropped. */
export function fromRuntimeObservation(asset: string, stored: RuntimeObservation): RuntimeObservations {
  const packages: ObservedPackage[] = [];
  for (const entry of stored.packages) {
    const identity = packageIdentity(entry.purl);
    if (identity !== null) packages.push({ ...entry, identity, version: parsePurl(entry.purl)?.version ?? null });
  }

  const functions: ObservedFunction[] = [];
  for (const entry of stored.functions) {
    const identity = packageIdentity(entry.purl);
    if (identity !== null) functions.push({ ...entry, identity, version: parsePurl(entry.purl)?.version ?? null });
  }

  return {
    service: asset,
    sensor: stored.sensor === null ? null : { name: stored.sensor, version: null },
    window: { from: stored.windowFrom, to: stored.windowTo },
    ecosystems: stored.ecosystems,
    packages,
    functions,
    source: stored.source,
  };
}

/** Builds the asset context that states only what a runtime sensor saw, to be merged with the asset's other sources. */
export function runtimeContextOf(observations: RuntimeObservations, updatedAt: number): AssetContext {
  return { ...emptyAssetContext(observations.service, updatedAt), runtimeObservations: [toRuntimeObservation(observations)] };
}
