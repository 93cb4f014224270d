import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MAX_REPORT_BYTES, EmbeddedPipeline } from '@sieve/stages';
import { createLogger } from '@sieve/telemetry';
import { renderCsv } from '../output/csv-output.js';
import { renderJson } from '../output/json-output.js';
import type { InputView, RunOutput } from '../output/run-output.js';
import { renderTable } from '../output/table-output.js';
import { loadContextFiles } from './context-files.js';
import { scanInputs, type ReportFile } from './input-files.js';
import { Progress } from './progress.js';
import { parseRunOptions, type RunOptions } from './run-options.js';

/** `sieve run`: every stage in this process over the given reports, then the ranked queue. */
export async function runCommand(argv: string[]): Promise<number> {
  const options = parseRunOptions(argv);
  const scan = scanInputs(options.inputs);
  const logger = createLogger({ service: 'sieve-cli', level: options.logLevel });
  const context = loadContextFiles(options, scan, new Date());
  const progress = new Progress(options.quiet, scan.reports.length);
  for (const warning of context.warnings) {
    progress.note(`warning: ${warning.message}${warning.location ? ` (${warning.location})` : ''}`);
  }

  const pipeline = await EmbeddedPipeline.start({
    database: { kind: 'embedded', dataDir: options.db ? resolve(options.db) : null },
    logger,
  });
  let output: RunOutput;
  try {
    await pipeline.publishContext(context.assets, context.intel);
    await pipeline.drain();

    const inputs: InputView[] = [];
    for (const file of scan.reports) {
      const input = await processReport(pipeline, file, options);
      inputs.push(input);
      if (input.status === 'rejected') {
        progress.note(`rejected ${input.error}`);
      }
      progress.advance(input.findings);
    }
    output = { findings: await pipeline.queue(), inputs };
  } finally {
    await pipeline.close();
  }

  const rendered = options.format === 'json' ? renderJson(output) : options.format === 'csv' ? renderCsv(output) : renderTable(output);
  if (options.out) {
    writeFileSync(options.out, rendered);
  } else {
    process.stdout.write(rendered);
  }
  const rejected = output.inputs.filter((input) => input.status === 'rejected').length;
  progress.summary(output.inputs.length, rejected, output.findings.length);
  return rejected > 0 ? 1 : 0;
}

async function processReport(pipeline: EmbeddedPipeline, file: ReportFile, options: RunOptions): Promise<InputView> {
  const size = statSync(file.path).size;
  if (size > MAX_REPORT_BYTES) {
    return rejectedInput(file.path, `${file.path}: file of ${size} bytes exceeds the ${MAX_REPORT_BYTES}-byte report limit`);
  }
  const submitted = await pipeline.submit({
    bytes: readFileSync(file.path),
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
