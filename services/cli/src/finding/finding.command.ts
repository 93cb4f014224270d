import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '@sieve/domain';
import { EmbeddedPipeline } from '@sieve/stages';
import { createLogger } from '@sieve/telemetry';
import { explainCommand } from './explain.command.js';
import { splitCommand } from './split.command.js';
import { editCommand, triageCommand } from './triage.command.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs `sieve finding explain|split|triage|edit <id> --db <dir>`, which read or change one finding of an embedded database. */
export async function findingCommand(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  switch (subcommand) {
    case 'explain':
      return explainCommand(rest);
    case 'split':
      return splitCommand(rest);
    case 'triage':
      return triageCommand(rest);
    case 'edit':
      return editCommand(rest);
    default:
      throw new UsageError(`unknown finding command "${subcommand ?? ''}"; use explain, split, triage or edit`);
  }
}

export interface FindingArguments {
  findingId: string;
  db: string;
  /** The command's own options; each is a string option. */
  values: Record<string, string | undefined>;
}

/** Parses the arguments of a finding command: one finding id, `--db <dir>` and the command's own string options. */
export function parseFindingArguments(command: string, argv: string[], optionNames: string[]): FindingArguments {
  const options: NonNullable<ParseArgsConfig['options']> = { db: { type: 'string' } };
  for (const name of optionNames) options[name] = { type: 'string' };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [findingId, ...extra] = parsed.positionals;
  if (findingId === undefined) throw new UsageError(`sieve finding ${command} needs a finding id`);
  if (extra.length > 0) throw new UsageError(`sieve finding ${command} takes one finding id, got also "${extra.join(' ')}"`);
  if (!UUID.test(findingId)) throw new UsageError(`finding id "${findingId}" is not a UUID`);
  const db = parsed.values.db;
  if (typeof db !== 'string' || !existsSync(db)) throw new UsageError(`sieve finding ${command} needs --db <dir> of a database written by sieve run --db`);
  return { findingId, db: resolve(db), values: parsed.values as Record<string, string | undefined> };
}

/** Opens the embedded database with every stage, so changes to a finding are enriched and scored again. */
export function openPipeline(db: string): Promise<EmbeddedPipeline> {
  return EmbeddedPipeline.start({ database: { kind: 'embedded', dataDir: db }, logger: createLogger({ service: 'sieve-cli', level: 'error' }) });
}

export function parseFormat(format: unknown): 'text' | 'json' {
  const value = format ?? 'text';
  if (value !== 'text' && value !== 'json') throw new UsageError(`--format ${String(value)} is not supported; use text or json`);
  return value;
}
