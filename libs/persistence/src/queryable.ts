/** Anything that runs SQL: a TypeORM DataSource, an EntityManager inside a transaction, a QueryRunner. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
}

/** Opens a transaction and runs the callback in it; committed when the callback resolves. */
export interface TransactionRunner {
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
}

/** Splits a list into chunks, so large id lists stay within statement limits. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}
