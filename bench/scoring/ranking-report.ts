// Prints the benchmark's results: recall per cut-off for both orders, and,
// where Sieve misses must-fix findings, what ranked above them.
import type { EstateFinding } from './estate-model.js';
import { cutOffs, recallAtN } from './recall-at-n.js';
import type { QueueEntry } from './sieve-queue.js';

export function printRecall(sieveOrder: string[], cvssOrder: string[], mustFix: ReadonlySet<string>, total: number): void {
  console.log('\n| cut-off | N | Sieve recall@N | CVSS-only recall@N |');
  console.log('|---|---|---|---|');
  for (const { label, n } of cutOffs(mustFix.size, total)) {
    console.log(`| ${label} | ${n} | ${recallAtN(sieveOrder, mustFix, n).toFixed(3)} | ${recallAtN(cvssOrder, mustFix, n).toFixed(3)} |`);
  }
}

/** Describes a finding by the three facts the must-fix rule reads. */
export function profileOf(finding: EstateFinding): string {
  return `${finding.kev ? 'KEV' : 'not KEV'}, ${finding.exposure}, ${finding.reachable ? 'reachable' : 'unreachable'}`;
}

/**
 * Lists, for the first |must fix| entries of Sieve's queue, the profiles of
 * the findings that took a must-fix finding's place, and the must-fix
 * findings that fell below the cut-off with their factors.
 */
export function printMisses(sieveOrder: string[], findings: readonly EstateFinding[], entryOf: Map<string, QueueEntry>, mustFix: ReadonlySet<string>): void {
  const byKey = new Map(findings.map((finding) => [finding.key, finding]));
  const top = new Set(sieveOrder.slice(0, mustFix.size));
  const intruders = [...top].filter((key) => !mustFix.has(key)).map((key) => byKey.get(key)!);
  if (intruders.length === 0) {
    console.log('\nEvery must-fix finding ranks above every other finding.');
    return;
  }

  console.log(`\nFindings in Sieve's first ${mustFix.size} that are not must-fix, by profile:`);
  const profiles = new Map<string, number[]>();
  for (const finding of intruders) {
    const scores = profiles.get(profileOf(finding)) ?? [];
    scores.push(entryOf.get(finding.key)?.score ?? Number.NaN);
    profiles.set(profileOf(finding), scores);
  }
  for (const [profile, scores] of [...profiles].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${profile}: ${scores.length} (scores ${Math.min(...scores)}-${Math.max(...scores)})`);
  }

  const missed = [...mustFix].filter((key) => !top.has(key)).map((key) => byKey.get(key)!);
  console.log(`Must-fix findings below rank ${mustFix.size}: ${missed.length}`);
  for (const finding of missed.sort((a, b) => (entryOf.get(a.key)?.rank ?? 0) - (entryOf.get(b.key)?.rank ?? 0)).slice(0, 10)) {
    const entry = entryOf.get(finding.key);
    const factors = entry?.scoreFactors.map((factor) => `${factor.name} ${factor.points}`).join(', ') ?? 'not in the queue';
    console.log(`  rank ${entry?.rank ?? '-'}, score ${entry?.score ?? '-'}, CVSS ${finding.baseScore}: ${finding.key} (${factors})`);
  }
}

/**
 * Reports the ties at the score cap. Scores are capped at 100, and the queue
 * orders equal scores by severity and then by finding id, so the order inside
 * the tie carries no risk information. The uncapped order sorts by the sum of the
 * factor points instead, to show how much the cap costs.
 */
export function printCapTies(sieveOrder: string[], entryOf: Map<string, QueueEntry>, mustFix: ReadonlySet<string>): void {
  const capped = sieveOrder.filter((key) => entryOf.get(key)?.score === 100);
  const cappedMustFix = capped.filter((key) => mustFix.has(key)).length;
  const uncapped = [...sieveOrder].sort((a, b) => uncappedPoints(entryOf.get(b)) - uncappedPoints(entryOf.get(a)));
  console.log(`
findings at the score cap of 100: ${capped.length}, of which ${cappedMustFix} must fix`);
  // Summing factor points only means something for the additive formulas, and only matters when scores hit the cap.
  if (capped.length > 0) {
    console.log(`recall@${mustFix.size} by uncapped factor points: ${recallAtN(uncapped, mustFix, mustFix.size).toFixed(3)}`);
  }
}

function uncappedPoints(entry: QueueEntry | undefined): number {
  return entry?.scoreFactors.reduce((sum, factor) => sum + factor.points, 0) ?? 0;
}
