import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { isObject, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { JsonByteSource } from '../../streaming/byte-source.js';
import { findingStream, type FindingStream, type ParseSummary, type StreamProgress } from '../../streaming/finding-stream.js';
import type { JsonPath } from '../../streaming/json-events.js';
import type { JsonSelection, SplitSelection } from '../../streaming/json-selection.js';
import { streamJsonBatches, type ScanOptions } from '../../streaming/json-value-stream.js';
import type { TrivyScan, TrivyTarget } from './trivy.context.js';
import { misconfigurationFinding } from './trivy.misconfiguration.js';
import { reportAssetName } from './trivy.report.js';
import { secretFinding } from './trivy.secret.js';
import { checkTrivyReport, describeTarget, listAt, newScan } from './trivy.target.js';
import { vulnerabilityFinding } from './trivy.vulnerability.js';

type RecordReader = (record: unknown, index: number, target: TrivyTarget) => ParsedFinding | null;

// Listed in the order parse() reads them, which is the order their findings come in.
const RECORD_READERS: ReadonlyMap<string, RecordReader> = new Map([
  ['Vulnerabilities', vulnerabilityFinding],
  ['Misconfigurations', misconfigurationFinding],
  ['Secrets', secretFinding],
]);

/**
 * One entry of Results: Target, Class and Type are kept, the record lists
 * are streamed, and everything else (Packages can be the largest part of a
 * report) is skipped. Trivy writes the three fields before the lists, so the
 * lists are read in place. A result without Type (Trivy writes none for
 * secrets), or with another key order, has its lists read a second time.
 */
const RESULT_SELECTION: SplitSelection = {
  members: { Vulnerabilities: { elements: 'whole' }, Misconfigurations: { elements: 'whole' }, Secrets: { elements: 'whole' } },
  keep: ['Target', 'Class', 'Type'],
  order: 'rest-first',
  needs: ['Target', 'Class', 'Type'],
};

/**
 * The report object (SchemaVersion 2) or the legacy array of results. The
 * report fields that the findings depend on come before Results in Trivy's
 * own output. When one of them is missing or comes later, Results is read twice.
 */
const TRIVY_SELECTION: JsonSelection = {
  elements: RESULT_SELECTION,
  members: { Results: { elements: RESULT_SELECTION } },
  keep: ['SchemaVersion', 'Trivy', 'ArtifactName', 'ArtifactType', 'Metadata'],
  order: 'rest-first',
  needs: ['Trivy', 'ArtifactName', 'ArtifactType', 'Metadata'],
};

/** Reads a Trivy JSON report in bounded memory and yields the findings that trivyFormat.parse returns, in the same order. */
export function streamTrivy(source: JsonByteSource, options?: ScanOptions): FindingStream {
  return findingStream((progress) => readTrivyStream(source, options, progress));
}

async function* readTrivyStream(source: JsonByteSource, options: ScanOptions | undefined, progress: StreamProgress): AsyncGenerator<ParsedFinding, ParseSummary> {
  let scan: TrivyScan | null = null;
  let assetName: string | null = null;
  let target: TrivyTarget | null = null;

  for await (const batch of streamJsonBatches(source, TRIVY_SELECTION, options)) {
    for (const { path, value } of batch) {
      if (path.length === 0) {
        checkTrivyReport(value);
        scan = newScan(value, false);
        progress.secretValues = scan.secretValues;
        assetName = reportAssetName(value);
        progress.assetName = assetName;
        continue;
      }
      const legacy = typeof path[0] === 'number';
      if (!legacy && path.length === 1) {
        rejectResultsValue(value);
        continue;
      }
      if (scan === null) {
        scan = newScan(null, true);
        progress.secretValues = scan.secretValues;
      }
      const resultDepth = legacy ? 1 : 2;
      if (path.length === resultDepth) {
        target = startTarget(value, legacy ? pointer('', path[0] as number) : pointer('/Results', path[1] as number), scan);
        continue;
      }
      const finding = target === null ? null : readRecord(path, resultDepth, value, target);
      if (finding !== null) {
        yield finding;
      }
    }
  }

  scan ??= newScan(null, true);
  return { tool: scan.tool, warnings: scan.warnings, assetName, complete: true, components: [], secretValues: scan.secretValues };
}

// NOTE: parse() reports a record list that is not an array just before that
// list's records. Here all such warnings of a result come before its records.
function startTarget(result: unknown, location: string, scan: TrivyScan): TrivyTarget | null {
  if (!isObject(result)) {
    scan.warnings.push({ message: 'result that is not an object skipped', location });
    return null;
  }
  const target = describeTarget(result, location, scan);
  for (const key of RECORD_READERS.keys()) {
    listAt(result, key, target);
  }
  return target;
}

// Maps one record, or reports a record list that is not an array and arrived after its result.
function readRecord(path: JsonPath, resultDepth: number, value: unknown, target: TrivyTarget): ParsedFinding | null {
  const key = path[resultDepth] as string;
  const index = path[resultDepth + 1];
  if (index === undefined) {
    listAt({ [key]: value } as JsonObject, key, target);
    return null;
  }
  const reader = RECORD_READERS.get(key);
  return reader === undefined ? null : reader(value, index as number, target);
}

// A Results member that arrives after the report's event is not an array (arrays are streamed).
function rejectResultsValue(value: unknown): void {
  if (value !== null) {
    throw new ReportRejectedError('invalid_report', 'Trivy report field "Results" is not an array', '/Results');
  }
}
