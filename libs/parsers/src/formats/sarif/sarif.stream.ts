import type { ParsedFinding } from '@sieve/contracts';
import { isObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseWarning } from '../../report-format.js';
import type { JsonByteSource } from '../../streaming/byte-source.js';
import { findingStream, type FindingStream, type ParseSummary, type StreamProgress } from '../../streaming/finding-stream.js';
import type { JsonSelection } from '../../streaming/json-selection.js';
import { streamJsonBatches, type ScanOptions } from '../../streaming/json-value-stream.js';
import { checkSarifLog, SarifRunTotals } from './sarif.log.js';
import { finishRun, readRunResult, startRun, type RunState } from './sarif.run.js';

/**
 * Each run is read without its results, which then arrive one by one. A run
 * may list `tool` or `properties` after `results` (Semgrep and Trivy do), so
 * the results of a run are read after the run has closed. That second read
 * takes their byte range from the file or buffer, or from a spill file for a
 * stream. `keep` lists every run member that the mapping in sarif.run.ts and
 * sarif.result.ts reads, and a member read there must be added here.
 */
const SARIF_SELECTION: JsonSelection = {
  members: {
    runs: {
      elements: {
        members: { results: { elements: 'whole' } },
        keep: ['tool', 'invocations', 'originalUriBaseIds', 'artifacts', 'taxonomies', 'properties', 'versionControlProvenance'],
        order: 'rest-first',
      },
    },
  },
};

/**
 * Reads a SARIF 2.1.0 log in bounded memory and yields the findings that
 * sarifFormat.parse returns, in the same order. Version and `runs` are
 * checked when the log ends, because producers may write them after the
 * runs; a rejection then discards the findings already yielded.
 */
export function streamSarif(source: JsonByteSource, options?: ScanOptions): FindingStream {
  return findingStream((progress) => readSarifStream(source, options, progress));
}

async function* readSarifStream(source: JsonByteSource, options: ScanOptions | undefined, progress: StreamProgress): AsyncGenerator<ParsedFinding, ParseSummary> {
  const warnings: ParseWarning[] = [];
  const totals = new SarifRunTotals();
  let run: RunState | null = null;
  let notedSecrets = 0;
  let log: unknown;

  for await (const batch of streamJsonBatches(source, SARIF_SELECTION, options)) {
    for (const { path, value } of batch) {
      if (path.length === 0) {
        log = value;
      } else if (path.length === 2) {
        if (run !== null) {
          progress.assetName ??= run.reading.assetName;
          totals.addRun(finishRun(run));
        }
        run = startStreamedRun(value, path[1] as number, warnings, totals);
        notedSecrets = 0;
      } else if (run !== null) {
        const finding = readRunResult(run, value, path[3] as number);
        notedSecrets = noteSecrets(run.reading.secretValues, notedSecrets, progress);
        if (finding !== null) {
          // The first run that names an asset names the report's, as in SarifRunTotals.
          progress.assetName ??= run.reading.assetName;
          yield finding;
        }
      }
    }
  }
  if (run !== null) {
    totals.addRun(finishRun(run));
  }

  const logWarnings = checkSarifLog(log);
  return totals.summary([...logWarnings, ...warnings]);
}

// Copies the secret values the run found since the last call, so a report
// that breaks partway can still be redacted up to where it broke.
function noteSecrets(found: readonly string[], noted: number, progress: StreamProgress): number {
  for (let i = noted; i < found.length; i++) {
    progress.secretValues.push(found[i]!);
  }
  return found.length;
}

function startStreamedRun(run: unknown, index: number, warnings: ParseWarning[], totals: SarifRunTotals): RunState | null {
  const at = pointer('', 'runs', index);
  if (!isObject(run)) {
    warnings.push({ message: 'run is not an object; skipped', location: at });
    totals.skipRun();
    return null;
  }
  return startRun(run, at, warnings);
}
