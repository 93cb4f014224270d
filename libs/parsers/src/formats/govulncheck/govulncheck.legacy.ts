import type { ParsedFinding } from '@sieve/contracts';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, int, isObject, str, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import { goModulePackage, REACHABILITY_RANK, reachabilityHint, reachabilityText, type GovulncheckScan, type Reachability } from './govulncheck.context.js';
import { fixedVersionsFor, readAdvisory } from './govulncheck.osv.js';

/** The entries of Vulns[] for one OSV entry and one module. */
interface LegacyGroup {
  osv: unknown;
  modulePath: string;
  reachability: Reachability;
  calledSymbols: string[];
  importedPackages: string[];
  location: string;
}

/**
 * Reads the JSON object of govulncheck before 1.0 (Calls, Imports, Requires,
 * Vulns, Modules). Vulns[] has one entry per vulnerable symbol; the entries
 * of one OSV entry and module are one finding. A non-zero CallSink,
 * ImportSink or RequireSink means the symbol is called, its package imported
 * or its module required.
 */
export function parseLegacyReport(report: JsonObject, scan: GovulncheckScan): ParsedFinding[] {
  const groups = new Map<string, LegacyGroup>();
  arr(field(report, 'Vulns')).forEach((entry, index) => {
    const location = pointer('/Vulns', index);
    const osv = field(entry, 'OSV');
    const id = str(field(osv, 'id'));
    const modulePath = str(field(entry, 'ModPath'));
    if (!isObject(entry) || id === null || modulePath === null) {
      scan.warnings.push({ message: 'Vulns entry without OSV.id or ModPath skipped', location });
      return;
    }
    addToGroup(groups, entry, osv, id, modulePath, location);
  });
  const versions = moduleVersions(report);
  return [...groups.values()].map((group) => legacyFinding(group, versions.get(group.modulePath) ?? null, scan));
}

function addToGroup(groups: Map<string, LegacyGroup>, entry: JsonObject, osv: unknown, id: string, modulePath: string, location: string): void {
  const key = `${id}|${modulePath}`;
  const reachability = sinkReachability(entry);
  const group = groups.get(key) ?? { osv, modulePath, reachability, calledSymbols: [], importedPackages: [], location };
  if (REACHABILITY_RANK[reachability] > REACHABILITY_RANK[group.reachability]) {
    group.reachability = reachability;
    group.location = location;
  }
  const pkgPath = str(field(entry, 'PkgPath'));
  const symbol = str(field(entry, 'Symbol'));
  if (reachability === 'called' && symbol !== null) {
    group.calledSymbols.push(pkgPath === null ? symbol : `${pkgPath}.${symbol}`);
  }
  if (pkgPath !== null && !group.importedPackages.includes(pkgPath)) {
    group.importedPackages.push(pkgPath);
  }
  groups.set(key, group);
}

function sinkReachability(entry: JsonObject): Reachability {
  if ((int(field(entry, 'CallSink')) ?? 0) > 0) {
    return 'called';
  }
  return (int(field(entry, 'ImportSink')) ?? 0) > 0 ? 'imported' : 'required';
}

/** Versions of the modules the scanned program requires, by module path. */
function moduleVersions(report: JsonObject): Map<string, string> {
  const versions = new Map<string, string>();
  for (const module of arr(field(report, 'Modules'))) {
    const path = str(field(module, 'Path'));
    const version = str(field(module, 'Version'));
    if (path !== null && version !== null) {
      versions.set(path, version);
    }
  }
  return versions;
}

function legacyFinding(group: LegacyGroup, version: string | null, scan: GovulncheckScan): ParsedFinding {
  const advisory = readAdvisory(group.osv);
  const id = advisory?.id ?? '';
  const detail = group.reachability === 'called' ? group.calledSymbols.join(', ') : group.importedPackages.join(', ');
  const reachability = reachabilityText(group.reachability, detail === '' ? null : detail, scan.scanLevel);
  const details = advisory?.details ?? null;

  return buildFinding({
    tool: scan.tool,
    category: 'sca',
    title: `${advisory?.summary ?? id} in ${group.modulePath}${version === null ? '' : ` ${version}`}`,
    description: details === null ? reachability : `${reachability}\n\n${details}`,
    vulnerabilityIds: [id],
    aliases: advisory?.aliases ?? [],
    package: goModulePackage(group.modulePath, version, fixedVersionsFor(group.osv, group.modulePath)),
    references: advisory?.references ?? [],
    reachabilityHint: reachabilityHint(group.reachability, scan.scanLevel),
    sourcePointer: group.location,
  });
}

/** The main module: the one entry of Modules[] without a version. */
export function legacyMainModule(report: JsonObject): string | null {
  const main = arr(field(report, 'Modules')).find((module) => str(field(module, 'Version')) === null);
  return str(field(main, 'Path'));
}
