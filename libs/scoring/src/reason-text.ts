/**
 * Writes an EPSS probability for a reason: two decimals from 0.01 up, two
 * significant digits below, so 0.00042 does not read as 0.
 */
export function formatProbability(probability: number): string {
  if (probability === 0) {
    return '0';
  }
  if (probability >= 0.01) {
    return String(Number(probability.toFixed(2)));
  }
  return String(Number(probability.toPrecision(2)));
}

/** Writes a 0-1 percentile as an English ordinal of whole percent, rounded down: 0.973 gives "97th". */
export function formatPercentile(percentile: number): string {
  // The small offset keeps 0.29 from becoming 28 through floating-point error.
  const whole = Math.min(100, Math.max(0, Math.floor(percentile * 100 + 1e-9)));
  return `${whole}${ordinalSuffix(whole)}`;
}

function ordinalSuffix(value: number): string {
  const lastTwo = value % 100;
  if (lastTwo >= 11 && lastTwo <= 13) {
    return 'th';
  }
  const suffixes: Record<number, string> = { 1: 'st', 2: 'nd', 3: 'rd' };
  return suffixes[value % 10] ?? 'th';
}
