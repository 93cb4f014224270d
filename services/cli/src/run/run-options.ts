import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '@sieve/domain';
import { formatById, supportedFormats } from '@sieve/parsers';
import { CONTEXT_ARGUMENTS } from './context-files.js';

export type OutputFormat = 'table' | 'json' | 'csv';

export interface RunOptions {
  /** True when --help was given; nothing else is read then. */
  help: boolean;
  inputs: string[];
  /** Backstage catalog or Sieve catalog files and folders; may be repeated. */
  catalog: string[];
  codeowners: string | null;
  /** Kubernetes manifest files and folders; may be repeated. */
  k8s: string[];
  /** Runtime observation files and folders; may be repeated. */
  runtime: string[];
  kev: string | null;
  epss: string | null;
  /** OSV record files and folders that give vulnerability aliases; may be repeated. */
  osv: string[];
  /** Scoring policy file; null means the built-in default policy. */
  policy: string | null;
  asset: string | null;
  scope: string;
  tool: string | null;
  format: OutputFormat;
  out: string | null;
  db: string | null;
  quiet: boolean;
  logLevel: string;
  /** Complete scans in a row that must miss a finding before it is fixed. */
  closeAfter: number;
}

const FORMATS: OutputFormat[] = ['table', 'json', 'csv'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Parses `sieve run` arguments; throws UsageError naming the bad option. */
export function parseRunOptions(argv: string[]): RunOptions {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...CONTEXT_ARGUMENTS,
        policy: { type: 'string' },
        asset: { type: 'string' },
        scope: { type: 'string' },
        tool: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        db: { type: 'string' },
        quiet: { type: 'boolean' },
        'log-level': { type: 'string' },
        'close-after': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const format = (values['format'] as string | undefined) ?? 'table';
  if (!FORMATS.includes(format as OutputFormat)) {
    throw new UsageError(`--format ${format} is not supported; use table, json or csv`);
  }
  const logLevel = (values['log-level'] as string | undefined) ?? 'error';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new UsageError(`--log-level ${logLevel} is not a level; use one of ${LOG_LEVELS.join(', ')}`);
  }
  if (values['help'] === true) {
    return { ...EMPTY_OPTIONS, help: true };
  }
  if (parsed.positionals.length === 0) {
    throw new UsageError('sieve run needs at least one report file or folder');
  }
  const text = (name: string): string | null => {
    const value = values[name];
    if (typeof value === 'string' && value.trim() === '') {
      throw new UsageError(`--${name} needs a value`);
    }
    return typeof value === 'string' ? value : null;
  };
  const paths = (name: string): string[] => {
    const given = (values[name] as string[] | undefined) ?? [];
    if (given.some((value) => value.trim() === '')) {
      throw new UsageError(`--${name} needs a value`);
    }
    return given;
  };
  const tool = text('tool');
  if (tool !== null && formatById(tool) === undefined) {
    throw new UsageError(`--tool ${tool} is not a supported format; use one of ${supportedFormats().join(', ')}`);
  }
  const db = text('db');
  if (db !== null && isExistingNonDirectory(db)) {
    throw new UsageError(`--db ${db} is a file; give a folder for the embedded database (it is created when missing)`);
  }
  const out = text('out');
  // Checked before the run, so a typo in the path does not cost a whole run.
  if (out !== null && !isExistingDirectory(dirname(resolve(out)))) {
    throw new UsageError(`--out ${out}: folder ${dirname(resolve(out))} does not exist`);
  }
  const closeAfter = Number(text('close-after') ?? '1');
  if (!Number.isInteger(closeAfter) || closeAfter < 1) {
    throw new UsageError(`--close-after ${String(values['close-after'])} is not a whole number of scans of at least 1`);
  }
  return {
    help: false,
    inputs: parsed.positionals,
    catalog: paths('catalog'),
    codeowners: text('codeowners'),
    k8s: paths('k8s'),
    runtime: paths('runtime'),
    kev: text('kev'),
    epss: text('epss'),
    osv: paths('osv'),
    policy: text('policy'),
    asset: text('asset'),
    scope: text('scope') ?? '',
    tool,
    format: format as OutputFormat,
    out,
    db,
    quiet: values['quiet'] === true,
    logLevel,
    closeAfter,
  };
}

const EMPTY_OPTIONS: RunOptions = {
  help: false,
  inputs: [],
  catalog: [],
  codeowners: null,
  k8s: [],
  runtime: [],
  kev: null,
  epss: null,
  osv: [],
  policy: null,
  asset: null,
  scope: '',
  tool: null,
  format: 'table',
  out: null,
  db: null,
  quiet: false,
  logLevel: 'error',
  closeAfter: 1,
};

function isExistingNonDirectory(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isExistingDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
