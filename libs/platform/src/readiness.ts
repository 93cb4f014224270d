/** A dependency the service needs before it can do its work, checked by /readyz. */
export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency responds; rejects with the reason otherwise. */
  check(): Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** Runs every check with a time limit and reports each one's outcome. */
export async function runReadinessChecks(checks: ReadinessCheck[], timeoutMs = 2000): Promise<{ ready: boolean; checks: Record<string, string> }> {
  const results = await Promise.all(
    checks.map(async (readiness) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([readiness.check(), timeout]);
        return [readiness.name, 'ok'] as const;
      } catch (error) {
        return [readiness.name, (error as Error).message] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: results.every(([, outcome]) => outcome === 'ok'), checks: Object.fromEntries(results) };
}
