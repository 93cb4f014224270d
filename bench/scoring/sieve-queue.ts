// Reads the ranked queue that `sieve run --format json` wrote and matches each
// entry to the generated finding it came from.
import { readFileSync } from 'node:fs';
import { findingKey, type EstateFinding } from './estate-model.js';

/** The fields of one `sieve run --format json` finding that the benchmark reads. */
export interface QueueEntry {
  rank: number;
  score: number | null;
  asset: string;
  exposure: string | null;
  kev: { vulnerabilityId: string } | null;
  reachability: string;
  vulnerabilityIds: string[];
  package: string | null;
  reasons: string[];
  scoreFactors: Array<{ name: string; value: string; points: number }>;
}

export interface MatchedQueue {
  /** Keys of the generated findings in Sieve's order. */
  ranked: string[];
  entryOf: Map<string, QueueEntry>;
  /** Queue entries that match no generated finding, or match one a second time. */
  unmatched: QueueEntry[];
  /** Generated findings absent from the queue. */
  missing: EstateFinding[];
}

export function readQueue(path: string, findings: readonly EstateFinding[]): MatchedQueue {
  const output = JSON.parse(readFileSync(path, 'utf8')) as { findings: QueueEntry[] };
  const known = new Map(findings.map((finding) => [finding.key, finding]));
  const entryOf = new Map<string, QueueEntry>();
  const ranked: string[] = [];
  const unmatched: QueueEntry[] = [];

  for (const entry of [...output.findings].sort((a, b) => a.rank - b.rank)) {
    const key = entry.vulnerabilityIds.map((cve) => findingKey(entry.asset, cve, entry.package ?? '')).find((candidate) => known.has(candidate));
    if (key === undefined || entryOf.has(key)) {
      unmatched.push(entry);
      continue;
    }
    entryOf.set(key, entry);
    ranked.push(key);
  }

  const missing = findings.filter((finding) => !entryOf.has(finding.key));
  return { ranked, entryOf, unmatched, missing };
}

/** Counts queue entries whose enrichment disagrees with the generated truth, per field. */
export function contextMismatches(findings: readonly EstateFinding[], entryOf: Map<string, QueueEntry>): Record<'exposure' | 'kev' | 'reachability', string[]> {
  const mismatches = { exposure: [] as string[], kev: [] as string[], reachability: [] as string[] };
  for (const finding of findings) {
    const entry = entryOf.get(finding.key);
    if (entry === undefined) continue;

    if (entry.exposure !== finding.exposure) mismatches.exposure.push(`${finding.key}: ${entry.exposure} for ${finding.exposure}`);
    if ((entry.kev !== null) !== finding.kev) mismatches.kev.push(`${finding.key}: kev ${entry.kev !== null} for ${finding.kev}`);
    const expected = finding.reachable ? 'reachable' : 'unreachable';
    if (entry.reachability !== expected) mismatches.reachability.push(`${finding.key}: ${entry.reachability} for ${expected}`);
  }
  return mismatches;
}
