import type { Package, ReachabilityHint, Tool } from '@sieve/contracts';
import { buildPackage } from '../../package-builder.js';
import type { ParseWarning } from '../../report-format.js';

/**
 * How far govulncheck traced a vulnerability into the scanned code: a
 * vulnerable function is called, a vulnerable package is only imported, or a
 * vulnerable module is only required.
 */
export type Reachability = 'called' | 'imported' | 'required';

export const REACHABILITY_RANK: Record<Reachability, number> = { called: 3, imported: 2, required: 1 };

export interface GovulncheckScan {
  tool: Tool;
  /** scan_level of the config message (symbol, package or module), when given. */
  scanLevel: string | null;
  warnings: ParseWarning[];
}

/** Builds the Go module package; "stdlib" is the Go standard library, as govulncheck names it. */
export function goModulePackage(modulePath: string, version: string | null, fixedVersions: string[]): Package | null {
  return buildPackage({ type: 'golang', name: modulePath, version, fixedVersions });
}

/** Explains the reachability in the description; `detail` names the call or import when known. */
export function reachabilityText(reachability: Reachability, detail: string | null, scanLevel: string | null): string {
  const level = scanLevel === null ? '' : ` (scan level ${scanLevel})`;
  if (reachability === 'called') {
    return `Reachability: called${level}. The code calls a vulnerable function${detail === null ? '' : `: ${detail}`}.`;
  }
  if (reachability === 'imported') {
    return `Reachability: imported${level}. The code imports a vulnerable package${detail === null ? '' : ` (${detail})`} but no call of a vulnerable function was found.`;
  }
  return `Reachability: required${level}. A required module is vulnerable, but no vulnerable package is imported.`;
}

/**
 * Turns govulncheck's verdict into a reachability hint. A vulnerable function
 * on a call path is reachable. A finding that stops at an imported package or
 * a required module is unreachable only when the scan followed calls: symbol
 * level, which older reports without a level always used. A package- or
 * module-level scan cannot tell.
 */
export function reachabilityHint(reachability: Reachability, scanLevel: string | null): ReachabilityHint | null {
  if (reachability === 'called') {
    return { reachable: true, source: 'govulncheck:call-graph' };
  }
  if (scanLevel === null || scanLevel === 'symbol') {
    return { reachable: false, source: 'govulncheck:call-graph' };
  }
  return null;
}
