// Reader for JSON Lines reports (one JSON value per line), as written by
// TruffleHog, Nuclei and other tools with a --json or --jsonl flag.

import { excessiveDepthOffset, MAX_JSON_DEPTH } from './report-input.js';

/** Maximum length of a parsed line; a longer line is reported as an error instead of being parsed. */
export const MAX_JSON_LINE_CHARS = 16 * 1024 * 1024;

/** One parsed line. `line` is the 1-based line number in the report. */
export interface JsonLine {
  line: number;
  value: unknown;
}

/** A line that is not valid JSON, too long or too deep, with its 1-based line number. */
export interface JsonLineError {
  line: number;
  message: string;
}

export interface JsonLines {
  records: JsonLine[];
  errors: JsonLineError[];
}

/**
 * Parses the non-blank lines of a JSON Lines text, all of them or only the
 * first `maxLines` (for cheap format detection). Lines may end in LF or CRLF.
 * A line that does not parse, or nests deeper than MAX_JSON_DEPTH (the limit
 * of a whole JSON report), becomes an error and the other lines are still
 * read, so one broken record does not lose the report.
 */
export function readJsonLines(text: string, maxLines = Number.POSITIVE_INFINITY): JsonLines {
  const records: JsonLine[] = [];
  const errors: JsonLineError[] = [];
  let start = 0;
  let line = 0;
  let read = 0;
  while (start <= text.length && read < maxLines) {
    const end = nextLineEnd(text, start);
    line += 1;
    const content = text.slice(start, end).trim();
    start = end + 1;
    if (content.length === 0) {
      continue;
    }
    read += 1;
    if (content.length > MAX_JSON_LINE_CHARS) {
      errors.push({ line, message: `line of ${content.length} characters exceeds the ${MAX_JSON_LINE_CHARS}-character limit` });
      continue;
    }
    if (excessiveDepthOffset(content, MAX_JSON_DEPTH) !== null) {
      errors.push({ line, message: `line nests JSON deeper than ${MAX_JSON_DEPTH} levels` });
      continue;
    }
    try {
      records.push({ line, value: JSON.parse(content) as unknown });
    } catch (error) {
      errors.push({ line, message: `invalid JSON: ${(error as Error).message}` });
    }
  }
  return { records, errors };
}

function nextLineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end === -1 ? text.length : end;
}

/**
 * Parses the first non-blank line only, for cheap format detection. Returns
 * undefined when there is no such line or it is not valid JSON.
 */
export function firstJsonLine(text: string): unknown {
  return readJsonLines(text, 1).records[0]?.value;
}
