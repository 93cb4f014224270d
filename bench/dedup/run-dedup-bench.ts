// Measures deduplication on a labelled multi-tool estate and on the
// cross-tool overlaps of the shared sample corpus:
//   npx tsx bench/dedup/run-dedup-bench.ts [--seed N] [--assets N] [--samples DIR]
// Prints merge precision and recall (pairwise over the truth labels),
// identity stability under line shifts, and what merged in each overlap.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { NormalizedFinding } from '@sieve/contracts';
import { groupWithCorrelation, identityOf, normalizeRuleId } from '@sieve/dedup';
import { normalizeRepoPath } from '@sieve/domain';
import { pairwiseScore, stability, type PairwiseScore } from './bench-metrics.js';
import { parseEstate, type LabelledSighting } from './estate-sightings.js';
import { DEFAULT_ESTATE, generateEstate } from './generate-estate.js';
import { OVERLAPS, runOverlap } from './manifest-overlaps.js';

const TARGETS = { precision: 0.99, recall: 0.95, stability: 0.99 };

// Lines inserted above code: 7 at the top of every file plus 2 more above
// every 20 lines, so every finding moves and findings further down move more.
const shiftLines = (_path: string, line: number) => line + 7 + Math.floor(line / 20) * 2;

function main(): void {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, assets: { type: 'string' }, samples: { type: 'string' } } });
  const options = { seed: Number(values.seed ?? DEFAULT_ESTATE.seed), assets: Number(values.assets ?? DEFAULT_ESTATE.assets) };

  const estate = generateEstate(options);
  const parsed = parseEstate(estate);
  console.log(`estate: seed ${options.seed}, ${options.assets} assets, ${estate.flaws.length} flaws, ${estate.reports.length} reports, ${parsed.sightings.length} findings parsed`);
  printMissing(parsed.missingFormats, parsed.mismatches);

  const access = { keysOf: (s: LabelledSighting) => identityOf(s.event).keys.map((key) => key.key), eventOf: (s: LabelledSighting) => s.event };
  const started = process.hrtime.bigint();
  const { groups } = groupWithCorrelation(parsed.sightings, access);
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const groupOf = new Map<LabelledSighting, number>();
  groups.forEach((group, index) => group.forEach((sighting) => groupOf.set(sighting, index)));

  console.log(`\ngrouping: ${groups.length} findings from ${parsed.sightings.length} sightings in ${elapsedMs.toFixed(0)} ms`);
  const overall = score(parsed.sightings, groupOf);
  printScore('all', overall);
  for (const category of ['container', 'sca', 'sast', 'iac', 'secret', 'dast']) {
    const subset = parsed.sightings.filter((s) => s.event.finding.category === category);
    if (subset.length > 0) printScore(category, score(subset, groupOf));
  }
  printErrors(parsed.sightings, groupOf);

  const shifted = parseEstate(generateEstate(options, shiftLines));
  const code = (list: LabelledSighting[]) => list.filter((s) => s.event.finding.category === 'sast');
  const identity = (s: LabelledSighting) => identityOf(s.event).keys.map((key) => key.key).sort().join(' ');
  const lineAnchored = (s: LabelledSighting) => lineAnchoredIdentity(s.event);
  const stable = stability(code(parsed.sightings).map(identity), code(shifted.sightings).map(identity));
  const baseline = stability(code(parsed.sightings).map(lineAnchored), code(shifted.sightings).map(lineAnchored));
  console.log(`\nidentity stability under line shifts (${code(parsed.sightings).length} code findings): ${stable.toFixed(4)} (target ${TARGETS.stability}); line-anchored keys of rules version 1: ${baseline.toFixed(4)}`);

  const verdict = overall.precision >= TARGETS.precision && overall.recall >= TARGETS.recall && stable >= TARGETS.stability;
  console.log(`targets: precision >= ${TARGETS.precision}, recall >= ${TARGETS.recall}, stability >= ${TARGETS.stability}: ${verdict ? 'met' : 'NOT met'}`);

  runOverlaps(values.samples);
}

function score(sightings: LabelledSighting[], groupOf: Map<LabelledSighting, number>): PairwiseScore {
  return pairwiseScore(sightings.map((s) => groupOf.get(s)!), sightings.map((s) => s.flaw));
}

function printScore(label: string, result: PairwiseScore): void {
  console.log(`  ${label.padEnd(9)} findings ${String(result.findings).padStart(5)}  precision ${result.precision.toFixed(4)}  recall ${result.recall.toFixed(4)}  (true pairs ${result.truePairs}, merged pairs ${result.predictedPairs}, correct ${result.correctPairs})`);
}

function printMissing(missing: Map<string, number>, mismatches: string[]): void {
  if (missing.size > 0) {
    console.log(`formats without a parser (their reports are left out): ${[...missing].map(([format, count]) => `${format} (${count})`).join(', ')}`);
  }
  for (const line of mismatches.slice(0, 10)) console.log(`label mismatch: ${line}`);
}

/** Prints a few false merges and missed merges, so a failing figure points at its cause. */
function printErrors(sightings: LabelledSighting[], groupOf: Map<LabelledSighting, number>): void {
  const byGroup = new Map<number, LabelledSighting[]>();
  for (const s of sightings) byGroup.set(groupOf.get(s)!, [...(byGroup.get(groupOf.get(s)!) ?? []), s]);
  const falseMerges = [...byGroup.values()].filter((group) => new Set(group.map((s) => s.flaw)).size > 1);
  const byFlaw = new Map<string, LabelledSighting[]>();
  for (const s of sightings) byFlaw.set(s.flaw, [...(byFlaw.get(s.flaw) ?? []), s]);
  const missed = [...byFlaw.values()].filter((flaw) => new Set(flaw.map((s) => groupOf.get(s))).size > 1);
  console.log(`  groups with more than one flaw: ${falseMerges.length}; flaws split over groups: ${missed.length}`);
  for (const group of falseMerges.slice(0, 5)) console.log(`    false merge: ${group.map(describe).join(' | ')}`);
  for (const flaw of missed.slice(0, 5)) console.log(`    missed merge: ${flaw.map(describe).join(' | ')}`);
}

function describe(s: LabelledSighting): string {
  const f = s.event.finding;
  const where = f.package ? `${f.package.name}@${f.package.version}` : (f.location.path ?? f.location.url ?? '-');
  return `${s.flaw} ${f.tool.name} ${f.ruleId ?? f.vulnerabilityIds[0] ?? ''} ${where}${f.location.startLine === null ? '' : `:${f.location.startLine}`}`;
}

/** The code key as rules version 1 built it: fingerprint, and rule, file and snippet hash or line. */
function lineAnchoredIdentity(event: NormalizedFinding): string {
  const f = event.finding;
  const anchor = f.location.snippetHash ?? `L${f.location.startLine}`;
  const fingerprint = f.fingerprint === null ? '' : `fp|${f.fingerprint} `;
  return `${fingerprint}loc|${f.tool.name}|${f.ruleId === null ? '-' : normalizeRuleId(f.ruleId)}|${normalizeRepoPath(f.location.path ?? '-')}|${anchor}`;
}

function runOverlaps(samplesOption: string | undefined): void {
  const samples = samplesOption ?? process.env['SIEVE_SAMPLES_DIR'] ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'samples');
  if (!existsSync(samples)) {
    console.log(`\nshared samples not found at ${samples}; pass --samples DIR to run the MANIFEST overlaps`);
    return;
  }
  const watch = ['routes/profileImageUrlUpload.ts', 'routes/likeProductReviews.ts', 'lib/insecurity.ts', 'routes/recycles.ts', 'dojo/cred/views.py', 'dojo/tools/kiuwan/parser.py'];
  for (const overlap of OVERLAPS) {
    const result = runOverlap(samples, overlap, watch);
    console.log(`\n${result.name} (asset "${overlap.asset}")`);
    if (result.error !== null) {
      console.log(`  not run: ${result.error}`);
      continue;
    }
    console.log(`  ${result.findings} findings -> ${result.groups} after dedup; cross-tool groups: ${[...result.crossTool].map(([tools, n]) => `${tools} ${n}`).join(', ') || 'none'}`);
    console.log(`  correlation merges: ${[...result.byRule].map(([rule, n]) => `${rule} ${n}`).join(', ') || 'none'}; related, kept apart: ${result.relatedPairs}; groups mixing package versions: ${result.mixedVersions}`);
    for (const note of result.notes.slice(0, 12)) console.log(`  ${note}`);
  }
}

main();
