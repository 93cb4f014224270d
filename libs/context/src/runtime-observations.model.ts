/** A package as a sensor saw it. `identity` is the purl without version or qualifiers. */
export interface ObservedPackage {
  purl: string;
  identity: string;
  version: string | null;
  loaded: boolean;
}

/** A function of a package that a sensor watched, usually the vulnerable function of an advisory. */
export interface ObservedFunction {
  purl: string;
  identity: string;
  version: string | null;
  symbol: string;
  vulnerabilityIds: string[];
  called: boolean;
}

/** Packages and functions of one service that one runtime sensor observed during a window of time (format in docs/runtime-observations.md). */
export interface RuntimeObservations {
  service: string;
  sensor: { name: string; version: string | null } | null;
  /** ISO date-times. */
  window: { from: string; to: string };
  /** Purl types the sensor watches; a package of another type is neither confirmed nor ruled out. */
  ecosystems: string[];
  packages: ObservedPackage[];
  functions: ObservedFunction[];
  /** `runtime:<file>`. */
  source: string;
}
