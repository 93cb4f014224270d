import type { SeededRandom } from '../dedup/seeded-random.js';

/** Picks one value, each with a chance proportional to its weight. */
export function weightedPick<T>(random: SeededRandom, entries: ReadonlyArray<readonly [T, number]>): T {
  let roll = random.next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return entries[entries.length - 1]![0];
}
