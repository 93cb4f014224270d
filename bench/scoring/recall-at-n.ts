// Recall at a cut-off: the share of the findings that must be fixed which a
// reader of the first N entries of a ranked queue would see.

/** Share of `relevant` keys among the first `n` keys of `ranked`, from 0 to 1. */
export function recallAtN(ranked: readonly string[], relevant: ReadonlySet<string>, n: number): number {
  if (relevant.size === 0) {
    throw new RangeError('recall is undefined without relevant findings; the estate has no must-fix finding');
  }
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`cut-off must be a whole number of at least 0, got ${n}`);
  }

  let found = 0;
  for (const key of ranked.slice(0, n)) {
    if (relevant.has(key)) found++;
  }
  return found / relevant.size;
}

/** Orders findings by CVSS base score, highest first, and by key where scores tie, as a scanner's own sort would. */
export function cvssOnlyOrder(findings: ReadonlyArray<{ key: string; baseScore: number }>): string[] {
  return [...findings]
    .sort((a, b) => b.baseScore - a.baseScore || compareKeys(a.key, b.key))
    .map((finding) => finding.key);
}

/** Compares by UTF-16 code units, so the order does not depend on the locale. */
function compareKeys(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

export interface CutOff {
  label: string;
  n: number;
}

/** Lists the cut-offs the benchmark reports: the size of the must-fix set, twice that, and 5 % and 10 % of the queue. */
export function cutOffs(mustFix: number, total: number): CutOff[] {
  return [
    { label: 'must-fix count', n: mustFix },
    { label: '2 x must-fix count', n: 2 * mustFix },
    { label: '5 % of queue', n: Math.ceil(total * 0.05) },
    { label: '10 % of queue', n: Math.ceil(total * 0.1) },
  ];
}
