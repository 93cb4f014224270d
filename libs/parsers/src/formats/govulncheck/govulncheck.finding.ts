import type { ParsedFinding } from '@sieve/contracts';
import { normalizeRepoPath } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, int, isObject, str } from '../../json-access.js';
import { goModulePackage, REACHABILITY_RANK, reachabilityHint, reachabilityText, type GovulncheckScan, type Reachability } from './govulncheck.context.js';
import { readAdvisory } from './govulncheck.osv.js';

/** A `finding` message of the stream, with where it sits in the report. */
export interface StreamFinding {
  osvId: string;
  modulePath: string;
  version: string | null;
  fixedVersion: string | null;
  trace: unknown[];
  reachability: Reachability;
  location: string;
}

/** Reads a `finding` message, or returns null after a warning when it has no osv id or trace. */
export function readStreamFinding(finding: unknown, location: string, scan: GovulncheckScan): StreamFinding | null {
  const osvId = str(field(finding, 'osv'));
  const trace = arr(field(finding, 'trace'));
  const vulnerable = trace[0];
  const modulePath = str(field(vulnerable, 'module'));
  if (!isObject(finding) || osvId === null || modulePath === null) {
    scan.warnings.push({ message: 'finding without "osv" or a trace naming a module skipped', location });
    return null;
  }
  return {
    osvId,
    modulePath,
    version: str(field(vulnerable, 'version')),
    fixedVersion: str(field(finding, 'fixed_version')),
    trace,
    reachability: reachabilityOf(vulnerable),
    location,
  };
}

/** Reads the reachability from the first frame, which is the vulnerable symbol, package or module. */
function reachabilityOf(frame: unknown): Reachability {
  if (str(field(frame, 'function')) !== null) {
    return 'called';
  }
  return str(field(frame, 'package')) !== null ? 'imported' : 'required';
}

/**
 * Merges the messages of one vulnerability. govulncheck reports it at each
 * level it reached: the module, then each imported package, then each call
 * path. All messages for one OSV entry and one module are one finding at the
 * deepest level reached. The first message of that level gives the trace and
 * the pointer.
 */
export function mergeStreamFindings(findings: StreamFinding[], advisories: Map<string, unknown>, scan: GovulncheckScan): ParsedFinding[] {
  const deepest = new Map<string, StreamFinding>();
  for (const finding of findings) {
    const key = `${finding.osvId}|${finding.modulePath}`;
    const known = deepest.get(key);
    if (known === undefined || REACHABILITY_RANK[finding.reachability] > REACHABILITY_RANK[known.reachability]) {
      deepest.set(key, finding);
    }
  }
  return [...deepest.values()].map((finding) => streamFinding(finding, advisories, scan));
}

function streamFinding(finding: StreamFinding, advisories: Map<string, unknown>, scan: GovulncheckScan): ParsedFinding {
  const advisory = readAdvisory(advisories.get(finding.osvId));
  if (advisory === null) {
    scan.warnings.push({ message: `finding names OSV entry ${finding.osvId}, which the report does not contain`, location: finding.location });
  }
  const pkg = goModulePackage(finding.modulePath, finding.version, finding.fixedVersion === null ? [] : [finding.fixedVersion]);
  const reachability = reachabilityText(finding.reachability, traceDetail(finding), scan.scanLevel);
  const details = advisory?.details ?? null;
  const entry = finding.reachability === 'called' ? entryPosition(finding.trace) : null;

  return buildFinding({
    tool: scan.tool,
    category: 'sca',
    title: `${advisory?.summary ?? finding.osvId} in ${finding.modulePath}${finding.version === null ? '' : ` ${finding.version}`}`,
    description: details === null ? reachability : `${reachability}\n\n${details}`,
    vulnerabilityIds: [finding.osvId],
    aliases: advisory?.aliases ?? [],
    package: pkg,
    references: advisory?.references ?? [],
    reachabilityHint: reachabilityHint(finding.reachability, scan.scanLevel),
    location: { path: entry?.path ?? null, startLine: entry?.line ?? null },
    sourcePointer: finding.location,
  });
}

/** Names the call chain (caller first) or the imported package of the trace. */
function traceDetail(finding: StreamFinding): string | null {
  if (finding.reachability === 'imported') {
    return str(field(finding.trace[0], 'package'));
  }
  if (finding.reachability !== 'called') {
    return null;
  }
  const names = finding.trace.map(frameName).filter((name): name is string => name !== null);
  return names.length === 0 ? null : names.reverse().join(' > ');
}

function frameName(frame: unknown): string | null {
  const fn = str(field(frame, 'function'));
  if (fn === null) {
    return null;
  }
  const receiver = str(field(frame, 'receiver'));
  const pkg = str(field(frame, 'package'));
  const symbol = receiver === null ? fn : `${receiver.replace(/^\*/, '')}.${fn}`;
  return pkg === null ? symbol : `${pkg}.${symbol}`;
}

/**
 * Where the scanned code enters the call path: the last frame, when it is in
 * the main module (frames of the main module carry no version) and its file
 * name is relative to the module root (govulncheck 1.1 and later). Older
 * versions write absolute paths of the build machine, which are kept out.
 */
function entryPosition(trace: unknown[]): { path: string; line: number | null } | null {
  const last = trace[trace.length - 1];
  const position = field(last, 'position');
  const filename = str(field(position, 'filename'));
  if (str(field(last, 'version')) !== null || filename === null || isAbsolutePath(filename)) {
    return null;
  }
  return { path: normalizeRepoPath(filename), line: int(field(position, 'line')) };
}

function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}
