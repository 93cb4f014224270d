// Splits govulncheck's `-json` output, a stream of pretty-printed JSON
// objects written one after another, into its objects. The output is neither
// one JSON document nor JSON Lines, because each object spans many lines.

import { MAX_JSON_DEPTH } from '../../report-input.js';

/**
 * Deeper nesting than this is no govulncheck message, so the splitter stops
 * rather than hand it to JSON.parse. It is the limit of one JSON report.
 */
export const MAX_NESTING = MAX_JSON_DEPTH;

/** One object of the stream and the 1-based line it starts on. */
export interface StreamValue {
  line: number;
  value: unknown;
}

/** A value that failed to parse; `fatal` when the splitter cannot find where the next value starts. */
export interface StreamProblem {
  line: number;
  message: string;
  fatal: boolean;
}

export interface JsonStream {
  values: StreamValue[];
  problems: StreamProblem[];
}

/**
 * Reads concatenated JSON objects and arrays separated by white space. A
 * value whose brackets balance but whose content is invalid is reported and
 * skipped. Text outside any value, nesting deeper than MAX_NESTING, or a
 * stream that ends inside a value stops the reading with a fatal problem.
 * The values before the problem are kept.
 */
export function splitJsonStream(text: string, maxValues = Number.POSITIVE_INFINITY): JsonStream {
  const values: StreamValue[] = [];
  const problems: StreamProblem[] = [];
  const cursor = { index: 0, line: 1 };
  while (values.length < maxValues) {
    skipWhiteSpace(text, cursor);
    if (cursor.index >= text.length) {
      break;
    }
    const startLine = cursor.line;
    const start = cursor.index;
    const opening = text[start];
    if (opening !== '{' && opening !== '[') {
      problems.push({ line: startLine, message: `expected "{" or "[" but found ${JSON.stringify(text.slice(start, start + 20))}`, fatal: true });
      break;
    }
    const end = findValueEnd(text, cursor);
    if (typeof end === 'string') {
      problems.push({ line: startLine, message: end, fatal: true });
      break;
    }
    try {
      values.push({ line: startLine, value: JSON.parse(text.slice(start, end)) as unknown });
    } catch (error) {
      problems.push({ line: startLine, message: `invalid JSON: ${(error as Error).message}`, fatal: false });
    }
  }
  return { values, problems };
}

function skipWhiteSpace(text: string, cursor: { index: number; line: number }): void {
  while (cursor.index < text.length) {
    const char = text[cursor.index];
    if (char === '\n') {
      cursor.line += 1;
    } else if (char !== ' ' && char !== '\t' && char !== '\r') {
      return;
    }
    cursor.index += 1;
  }
}

/**
 * Moves the cursor past the value that starts at it, tracking strings and
 * escapes so brackets inside strings do not count. Returns the end offset, or
 * the problem that stopped the scan.
 */
function findValueEnd(text: string, cursor: { index: number; line: number }): number | string {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (; cursor.index < text.length; cursor.index += 1) {
    const char = text[cursor.index];
    if (char === '\n') {
      cursor.line += 1;
    }
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (char === '\\') {
        escaped = true;
      } else if (char === '"') {
        inString = false;
      }
      continue;
    }
    if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth += 1;
      if (depth > MAX_NESTING) {
        return `JSON nested deeper than ${MAX_NESTING} levels`;
      }
    } else if (char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) {
        cursor.index += 1;
        return cursor.index;
      }
    }
  }
  return 'stream ends inside a JSON value (the file looks truncated)';
}
