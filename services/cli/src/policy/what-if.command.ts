import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Priority, Severity } from '@sieve/contracts';
import { UsageError } from '@sieve/domain';
import { openDatabase, Repositories } from '@sieve/persistence';
import { BUILT_IN_POLICIES, DEFAULT_POLICY, loadScoringPolicy, whatIf, type WhatIfFinding } from '@sieve/scoring';

const EXPOSURES = new Set(['internet', 'partner', 'internal']);

/**
 * `sieve policy what-if <policy.yaml> --db <dir>`: scores the active findings
 * of an embedded database with a proposed policy and shows how the queue
 * would change, without storing anything.
 */
export async function policyCommand(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand !== 'what-if') {
    throw new UsageError(`unknown policy command "${subcommand ?? ''}"; use: sieve policy what-if <policy.yaml> --db <dir>`);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: { db: { type: 'string' }, format: { type: 'string' }, top: { type: 'string' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [policyPath] = parsed.positionals;
  const db = parsed.values.db;
  const format = parsed.values.format ?? 'table';
  const top = Number(parsed.values.top ?? 20);
  if (!policyPath) throw new UsageError('sieve policy what-if needs a policy file');
  if (!db) throw new UsageError('sieve policy what-if needs --db <dir> of a database written by sieve run --db');
  if (!existsSync(db)) throw new UsageError(`--db ${db}: no database found in that folder; create one with sieve run --db ${db}`);
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format ${format} is not supported; use table or json`);
  if (!Number.isInteger(top) || top < 0) throw new UsageError('--top must be a whole number');

  let policy;
  try {
    policy = loadScoringPolicy(policyPath);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  const dataSource = await openDatabase({ kind: 'embedded', dataDir: db });
  let rows;
  try {
    rows = await new Repositories(dataSource).findings.findScoringInputs();
  } finally {
    await dataSource.destroy();
  }
  const findings: WhatIfFinding[] = rows.map((row) => ({
    id: row.id,
    current: { score: row.score, priority: row.priority as Priority },
    input: {
      severity: row.severity as Severity,
      cvss: row.cvss,
      exposure: row.exposure && EXPOSURES.has(row.exposure) ? (row.exposure as 'internet' | 'partner' | 'internal') : 'unknown',
      exposureSource: row.exposure_source,
      dataClasses: row.data_classes,
      dataClassesSource: row.data_classes_source,
      criticality: row.criticality,
      criticalitySource: row.criticality_source,
      kev: row.kev,
      epss: row.epss,
      exploitHint: row.exploit_hint === null ? null : { source: row.exploit_hint },
      reachability: row.reachability,
      reachabilitySource: row.reachability_source,
      reachabilityReason: row.reachability_reason,
      blastRadius: row.blast_radius,
    },
  }));
  // SLA days of the current priorities come from the policy the stored scores name, when Sieve ships it.
  const current = BUILT_IN_POLICIES.get(rows[0]?.policy_version ?? '') ?? DEFAULT_POLICY;
  const result = whatIf(findings, policy, current);

  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const titles = new Map(rows.map((row) => [row.id, `${row.title} (${row.asset})`]));
  const summary = result.summary;
  const lines = [
    `policy ${summary.policyVersion}: ${summary.findings} active findings; ${summary.movedUp} move up, ${summary.movedDown} move down, ${summary.unchanged} keep their place; SLA shorter for ${summary.slaShorter}, longer for ${summary.slaLonger}`,
    ...summary.priorityChanges.map((change) => `  ${change.from} -> ${change.to}: ${change.findings}`),
    '',
    'RANK  MOVE  SCORE        PRIORITY  TITLE',
  ];
  for (const outcome of result.outcomes.slice(0, top)) {
    const move = outcome.rankChange > 0 ? `+${outcome.rankChange}` : String(outcome.rankChange);
    lines.push(
      `${String(outcome.proposed.rank).padStart(4)}  ${move.padStart(4)}  ${outcome.current.score.toFixed(1).padStart(5)}->${outcome.proposed.score.toFixed(1).padEnd(5)}  ${outcome.current.priority}->${outcome.proposed.priority}    ${titles.get(outcome.id) ?? outcome.id}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
