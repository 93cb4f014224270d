import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '@sieve/domain';
import { loadScoringPolicy, type ScoringPolicy } from '@sieve/scoring';
import { MAX_REPORT_BYTES, EmbeddedPipeline } from '@sieve/stages';
import { createLogger } from '@sieve/telemetry';
import { CsvRenderer } from '../output/csv-output.js';
import { JsonRenderer } from '../output/json-output.js';
import { OutputSink } from '../output/output-sink.js';
import type { QueueRenderer } from '../output/queue-renderer.js';
import type { InputView } from '../output/run-output.js';
import { TableRenderer } from '../output/table-output.js';
import { loadContextFiles } from './context-files.js';
import { scanInputs, type ReportFile } from './input-files.js';
import { Progress } from './progress.js';
import { parseRunOptions, type RunOptions } from './run-options.js';
import { USAGE } from '../usage.js';

/** `sieve run`: every stage in this process over the given reports, then the ranked queue. */
export async function runCommand(argv: string[]): Promise<number> {
  const options = parseRunOptions(argv);
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const scan = scanInputs(options.inputs);
  const logger = createLogger({ service: 'sieve-cli', level: options.logLevel });
  const context = loadContextFiles(options, scan, new Date());
  const policy = options.policy === null ? undefined : policyFrom(options.policy);
  const progress = new Progress(options.quiet, scan.reports.length);
  for (const warning of context.warnings) {
    progress.note(`warning: ${warning.message}${warning.location ? ` (${warning.location})` : ''}`);
  }

  // Without --db the database lives in a temporary folder rather than in
  // memory, so a large run is bounded by disk, not by the heap.
  const temporaryDb = options.db ? null : mkdtempSync(join(tmpdir(), 'sieve-run-'));
  const pipeline = await EmbeddedPipeline.start({
    database: { kind: 'embedded', dataDir: options.db ? resolve(options.db) : temporaryDb },
    logger,
    policy,
    closeAfterAbsences: options.closeAfter,
  });
  const inputs: InputView[] = [];
  let findingCount = 0;
  try {
    await pipeline.publishContext(context.assets, context.intel);
    await pipeline.drain();

    for (const file of scan.reports) {
      const input = await processReport(pipeline, file, options);
      inputs.push(input);
      if (input.status === 'rejected') {
        progress.error(`rejected ${input.error}`);
      }
      progress.advance(input.findings);
    }

    const renderer = rendererFor(options);
    const sink = OutputSink.open(options.out);
    await sink.write(renderer.start());
    findingCount = await pipeline.visitQueue((page) => sink.write(renderer.page(page)));
    await sink.write(renderer.end(inputs, findingCount));
    await sink.close();
  } finally {
    await pipeline.close();
    if (temporaryDb) rmSync(temporaryDb, { recursive: true, force: true });
  }

  const rejected = inputs.filter((input) => input.status === 'rejected').length;
  progress.summary(inputs.length, rejected, findingCount);
  return rejected > 0 ? 1 : 0;
}

function policyFrom(path: string): ScoringPolicy {
  try {
    return loadScoringPolicy(path);
  } catch (error) {
    // The policy loader's messages already start with the file's path.
    throw new UsageError(`--policy: ${(error as Error).message}`);
  }
}

function rendererFor(options: RunOptions): QueueRenderer {
  switch (options.format) {
    case 'json':
      return new JsonRenderer();
    case 'csv':
      return new CsvRenderer();
    default:
      return new TableRenderer();
  }
}

async function processReport(pipeline: EmbeddedPipeline, file: ReportFile, options: RunOptions): Promise<InputView> {
  const size = statSync(file.path).size;
  if (size > MAX_REPORT_BYTES) {
    return rejectedInput(file.path, `${file.path}: file of ${size} bytes exceeds the ${MAX_REPORT_BYTES}-byte report limit`);
  }
  const submitted = await pipeline.submit({
    path: file.path,
    asset: options.asset ?? file.folderName,
    assetSource: options.asset ? 'submitter' : 'folder',
    scope: options.scope,
    toolHint: options.tool,
    sourceName: file.path,
  });
  await pipeline.drain();

  const report = await pipeline.report(submitted.reportId);
  const rejected = report?.status === 'rejected';
  const error = report?.error ?? null;
  return {
    path: file.path,
    format: report?.format ?? null,
    findings: report?.finding_count ?? 0,
    status: rejected ? 'rejected' : 'parsed',
    error: rejected && error ? `${file.path}: ${error.message}${error.location ? ` (at ${error.location})` : ''}` : null,
    warnings: report?.warnings ?? [],
    reportId: submitted.reportId,
    duplicate: submitted.duplicate,
  };
}

function rejectedInput(path: string, error: string): InputView {
  return { path, format: null, findings: 0, status: 'rejected', error, warnings: [], reportId: null, duplicate: false };
}
