/**
 * Memoises a pure function of one string. Reports repeat the same CVSS
 * vectors and package URLs across thousands of records, and parsing them was
 * most of the Trivy mapping time in bench/parsers. The cache is emptied when
 * it reaches `maxEntries`, so memory stays bounded on reports with many
 * distinct values.
 */
export function boundedMemo<T>(compute: (key: string) => T, maxEntries: number): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string): T => {
    if (cache.has(key)) {
      return cache.get(key) as T;
    }
    const value = compute(key);
    if (cache.size >= maxEntries) {
      cache.clear();
    }
    cache.set(key, value);
    return value;
  };
}
