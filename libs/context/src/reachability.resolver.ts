import { packageIdentity, parsePurl, versionForIdentity } from '@sieve/domain';
import type { ObservedFunction, ObservedPackage, RuntimeObservations } from './runtime-observations.model.js';

export type ReachabilityState = 'reachable' | 'unreachable' | 'unknown';

export interface Reachability {
  state: ReachabilityState;
  /** Evidence that decided the state: `runtime:<file>`, `vex:<justification>` or the scanner's source; null when nothing is known. */
  source: string | null;
  /** The decision in plain words, for the score's reasons. */
  reason: string;
}

export interface ReachabilityQuery {
  /** Purl of the vulnerable package, or null for a finding without one. */
  purl: string | null;
  vulnerabilityIds: readonly string[];
  /** The runtime observations of the finding's asset. */
  observations: readonly RuntimeObservations[];
  /** Justification of a VEX statement about the finding (CycloneDX or OpenVEX wording). */
  vexJustification?: string | null;
  /** A scanner's own reachability verdict, for example from call-graph analysis. */
  scannerHint?: { reachable: boolean; source: string } | null;
}

/** VEX justifications stating that the vulnerable code cannot run here, with the words shown for them. */
const UNREACHABLE_JUSTIFICATIONS: ReadonlyMap<string, string> = new Map([
  ['code_not_present', 'vulnerable code not present'],
  ['code_not_reachable', 'vulnerable code not reachable'],
  ['requires_dependency', 'needs a dependency that is not present'],
  ['component_not_present', 'component not present'],
  ['vulnerable_code_not_present', 'vulnerable code not present'],
  ['vulnerable_code_not_in_execute_path', 'vulnerable code not in the execution path'],
]);

/**
 * Decides whether a finding's vulnerable code runs, from the strongest
 * evidence present, in this order:
 * 1. a watched vulnerable function was called: reachable;
 * 2. a VEX justification saying the code cannot run: unreachable;
 * 3. a watched vulnerable function was never called: unreachable;
 * 4. the package was loaded: reachable;
 * 5. a sensor watching the package's ecosystem did not see it loaded: unreachable;
 * 6. the scanner's own verdict;
 * 7. otherwise unknown.
 * Runtime evidence that the code ran comes first because it is observed,
 * not inferred. Other VEX justifications (mitigations, protections) do not
 * concern reachability and are ignored here.
 */
export function reachabilityOf(query: ReachabilityQuery): Reachability {
  const target = query.purl === null ? null : packageOf(query.purl);
  const functions = target === null ? [] : watchedFunctions(target, query);

  const called = functions.find(({ entry }) => entry.called);
  if (called) {
    return { state: 'reachable', source: called.source, reason: `vulnerable function ${called.entry.symbol} called at runtime` };
  }

  const justification = query.vexJustification?.trim().toLowerCase() ?? '';
  const words = UNREACHABLE_JUSTIFICATIONS.get(justification);
  if (words !== undefined) {
    return { state: 'unreachable', source: `vex:${justification}`, reason: `VEX: ${words}` };
  }

  const notCalled = functions[0];
  if (notCalled) {
    return { state: 'unreachable', source: notCalled.source, reason: `vulnerable function ${notCalled.entry.symbol} not called at runtime${during(notCalled.window)}` };
  }

  const fromPackages = target === null ? null : packageReachability(target, query.observations);
  if (fromPackages !== null) {
    return fromPackages;
  }

  if (query.scannerHint) {
    const { reachable, source } = query.scannerHint;
    return { state: reachable ? 'reachable' : 'unreachable', source, reason: reachable ? `reachable according to ${source}` : `not reachable according to ${source}` };
  }
  return { state: 'unknown', source: null, reason: 'no reachability evidence' };
}

interface TargetPackage {
  type: string;
  identity: string;
  version: string | null;
}

function packageOf(purl: string): TargetPackage | null {
  const parts = parsePurl(purl);
  const identity = packageIdentity(purl);
  if (parts === null || identity === null) {
    return null;
  }
  return { type: parts.type, identity, version: parts.version ?? null };
}

/** Same package, and the same version when both sides name one. */
function matches(target: TargetPackage, observed: ObservedPackage | ObservedFunction): boolean {
  if (observed.identity !== target.identity) {
    return false;
  }
  if (target.version === null || observed.version === null) {
    return true;
  }
  return versionForIdentity(target.type, target.version) === versionForIdentity(target.type, observed.version);
}

function watchedFunctions(target: TargetPackage, query: ReachabilityQuery): Array<{ entry: ObservedFunction; source: string; window: RuntimeObservations['window'] }> {
  const ids = new Set(query.vulnerabilityIds.map((id) => id.trim().toUpperCase()));
  return query.observations.flatMap((observations) =>
    observations.functions
      .filter((entry) => matches(target, entry) && entry.vulnerabilityIds.some((id) => ids.has(id.toUpperCase())))
      .map((entry) => ({ entry, source: observations.source, window: observations.window })),
  );
}

function packageReachability(target: TargetPackage, observations: readonly RuntimeObservations[]): Reachability | null {
  for (const observed of observations) {
    // A function of the package that was called proves the package was loaded, even when the packages list omits it.
    const loaded = observed.packages.some((entry) => entry.loaded && matches(target, entry)) || observed.functions.some((entry) => entry.called && matches(target, entry));
    if (loaded) {
      return { state: 'reachable', source: observed.source, reason: 'package loaded at runtime' };
    }
  }

  const watching = observations.find((observed) => observed.ecosystems.includes(target.type));
  if (watching === undefined) {
    return null;
  }
  return { state: 'unreachable', source: watching.source, reason: `package not loaded at runtime${during(watching.window)}` };
}

function during(window: RuntimeObservations['window']): string {
  return ` between ${window.from} and ${window.to}`;
}
