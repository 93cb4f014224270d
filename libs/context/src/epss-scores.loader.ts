import type { VulnerabilityIntel } from '@sieve/contracts';
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ContextSourceError } from './context-source.error.js';
import type { ContextWarning } from './context-warning.model.js';

/** Largest EPSS file read, after decompression. FIRST's daily file for every scored CVE is about 10 MB. */
export const MAX_EPSS_FILE_BYTES = 64 * 1024 * 1024;

/** Most row warnings listed one by one; the rest are counted in one last warning. */
const MAX_ROW_WARNINGS = 100;

const COMMENT_LINE = /^#model_version:([^,]*),score_date:(\d{4}-\d{2}-\d{2})\S*$/;
const CVE_ID = /^CVE-\d{4}-\d{4,19}$/;
const GZIP_MAGIC = [0x1f, 0x8b];

export interface EpssLoadResult {
  /** One record per scored CVE, with `kev` null. A CVE absent here was never scored, which differs from a score of 0. */
  intel: VulnerabilityIntel[];
  modelVersion: string;
  /** ISO date the scores were published for. */
  scoreDate: string;
  warnings: ContextWarning[];
}

/**
 * Loads FIRST's daily EPSS CSV, plain or gzip-compressed: a comment line
 * `#model_version:<version>,score_date:<date>`, the header
 * `cve,epss,percentile`, then one row per CVE. Each row becomes a
 * VulnerabilityIntel with source `epss:<score date>` and `updatedAt` at the
 * start of that day (UTC). A row with an invalid id or value, or a repeated
 * CVE, is skipped with a warning naming its line.
 *
 * Throws ContextSourceError when the file is missing, too large, not text,
 * or does not start with the EPSS comment line and header.
 */
export function loadEpssScores(path: string): EpssLoadResult {
  const lines = readLines(path);

  const comment = COMMENT_LINE.exec(lines[0]?.trim() ?? '');
  if (comment === null) {
    throw notEpss(path, `line 1 must be "#model_version:<version>,score_date:<YYYY-MM-DD...>", found "${preview(lines[0])}"`);
  }
  const header = lines[1]?.trim().toLowerCase().replace(/\s+/g, '');
  if (header !== 'cve,epss,percentile') {
    throw notEpss(path, `line 2 must be the header "cve,epss,percentile", found "${preview(lines[1])}"`);
  }

  const modelVersion = comment[1]!;
  const scoreDate = comment[2]!;
  const updatedAt = Date.parse(`${scoreDate}T00:00:00Z`);
  if (Number.isNaN(updatedAt)) {
    throw notEpss(path, `score_date ${scoreDate} is not a calendar date`);
  }

  const source = `epss:${scoreDate}`;
  const intel: VulnerabilityIntel[] = [];
  const warnings: ContextWarning[] = [];
  const seen = new Set<string>();
  let skipped = 0;

  for (let index = 2; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '') continue;

    const problem = readRow(line, seen, scoreDate, source, updatedAt, intel);
    if (problem === null) continue;
    skipped += 1;
    if (skipped <= MAX_ROW_WARNINGS) {
      warnings.push({ message: `EPSS row skipped: ${problem}`, location: `${path}:${index + 1}` });
    }
  }

  if (skipped > MAX_ROW_WARNINGS) {
    warnings.push({ message: `${skipped - MAX_ROW_WARNINGS} more EPSS rows skipped`, location: path });
  }
  return { intel, modelVersion, scoreDate, warnings };
}

/** Adds one row to `intel`; returns why the row was skipped, or null. */
function readRow(line: string, seen: Set<string>, scoreDate: string, source: string, updatedAt: number, intel: VulnerabilityIntel[]): string | null {
  const fields = line.split(',');
  if (fields.length !== 3) {
    return `expected 3 fields, found ${fields.length}`;
  }

  const cve = fields[0]!.trim().toUpperCase();
  if (!CVE_ID.test(cve)) {
    return `"${preview(fields[0])}" is not a CVE id`;
  }
  const probability = unitInterval(fields[1]!);
  if (probability === null) {
    return `epss "${preview(fields[1])}" of ${cve} is not a number from 0 to 1`;
  }
  const percentile = unitInterval(fields[2]!);
  if (percentile === null) {
    return `percentile "${preview(fields[2])}" of ${cve} is not a number from 0 to 1`;
  }
  if (seen.has(cve)) {
    return `${cve} is listed more than once`;
  }

  seen.add(cve);
  intel.push({ vulnerabilityId: cve, kev: null, epss: { probability, percentile, scoreDate }, aliases: [], source, updatedAt });
  return null;
}

function unitInterval(text: string): number | null {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : null;
}

function readLines(path: string): string[] {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new ContextSourceError('not_found', `${path}: file not found or not readable`, path, { cause: error });
  }
  if (size > MAX_EPSS_FILE_BYTES) {
    throw new ContextSourceError('too_large', `${path}: file of ${size} bytes exceeds the ${MAX_EPSS_FILE_BYTES}-byte limit`, path);
  }

  let bytes: Uint8Array = readFileSync(path);
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_EPSS_FILE_BYTES });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ContextSourceError('too_large', `${path}: file exceeds the ${MAX_EPSS_FILE_BYTES}-byte limit once decompressed`, path, { cause: error });
      }
      throw new ContextSourceError('not_text', `${path}: invalid gzip data: ${(error as Error).message}`, path, { cause: error });
    }
  }

  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).split(/\r?\n/);
  } catch (error) {
    throw new ContextSourceError('not_text', `${path}: file is not valid UTF-8 text`, path, { cause: error });
  }
}

function notEpss(path: string, reason: string): ContextSourceError {
  return new ContextSourceError('not_epss_csv', `${path} is not an EPSS CSV from FIRST: ${reason}`, path);
}

function preview(text: string | undefined): string {
  const value = (text ?? '').trim();
  return value.length > 60 ? `${value.slice(0, 60)}...` : value;
}
