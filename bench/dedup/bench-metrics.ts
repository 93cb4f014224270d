/** Pairwise merge quality: a pair of findings is predicted merged when in one group, truly merged when labelled with one flaw. */
export interface PairwiseScore {
  findings: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
}

function pairs(count: number): number {
  return (count * (count - 1)) / 2;
}

/**
 * Scores predicted groups against truth labels over all pairs of findings,
 * by counting within intersections rather than listing pairs. Precision and
 * recall are 1 when there is nothing to merge or nothing was merged.
 */
export function pairwiseScore(groupOf: readonly number[], labelOf: readonly string[]): PairwiseScore {
  const predicted = new Map<number, number>();
  const truth = new Map<string, number>();
  const both = new Map<string, number>();
  groupOf.forEach((group, index) => {
    const label = labelOf[index]!;
    predicted.set(group, (predicted.get(group) ?? 0) + 1);
    truth.set(label, (truth.get(label) ?? 0) + 1);
    const key = `${group}\u0000${label}`;
    both.set(key, (both.get(key) ?? 0) + 1);
  });
  const sum = (counts: Iterable<number>) => [...counts].reduce((total, count) => total + pairs(count), 0);
  const predictedPairs = sum(predicted.values());
  const truePairs = sum(truth.values());
  const correctPairs = sum(both.values());
  return {
    findings: groupOf.length,
    truePairs,
    predictedPairs,
    correctPairs,
    precision: predictedPairs === 0 ? 1 : correctPairs / predictedPairs,
    recall: truePairs === 0 ? 1 : correctPairs / truePairs,
  };
}

/** Fraction of items whose identity is the same in both lists (compared by position). */
export function stability(before: readonly string[], after: readonly string[]): number {
  if (before.length !== after.length) {
    throw new Error(`stability needs two lists of one length, got ${before.length} and ${after.length}`);
  }
  if (before.length === 0) {
    return 1;
  }
  return before.filter((identity, index) => identity === after[index]).length / before.length;
}
