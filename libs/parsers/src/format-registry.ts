import { ReportRejectedError } from '@sieve/domain';
import type { ParseResult, ReportFormat } from './report-format.js';
import { ReportInput } from './report-input.js';
import { REPORT_FORMATS } from './formats/index.js';

export interface ParsedReport extends ParseResult {
  format: string;
}

/** Finds a format by its id, as given with --tool. */
export function formatById(id: string): ReportFormat | undefined {
  return REPORT_FORMATS.find((format) => format.id === id.toLowerCase());
}

/** Finds the format a --tool value names, or rejects the report naming the supported ones. */
export function requireFormat(toolHint: string): ReportFormat {
  const format = formatById(toolHint);
  if (format === undefined) {
    throw new ReportRejectedError('unknown_tool', `--tool ${toolHint} is not a supported format; supported: ${supportedFormats().join(', ')}`);
  }
  return format;
}

/** Ids of every supported format, in detection order. */
export function supportedFormats(): string[] {
  return REPORT_FORMATS.map((format) => format.id);
}

/** Detects the format of a report from its content alone; the file name plays no part. */
export function detectFormat(input: ReportInput): ReportFormat | null {
  for (const format of REPORT_FORMATS) {
    let matched = false;
    try {
      matched = format.detect(input);
    } catch {
      matched = false;
    }
    if (matched) {
      return format;
    }
  }
  return null;
}

/**
 * Detects (or takes the requested) format and parses the report. Throws
 * ReportRejectedError with a code, a message and a location when the report
 * cannot be used as a whole. Records that are bad on their own become warnings.
 */
export function parseReport(bytes: Buffer, options: { toolHint?: string | null; sourceName?: string | null; receivedSize?: number } = {}): ParsedReport {
  const input = new ReportInput(bytes, options.sourceName ?? null, options.receivedSize ?? null);
  if (input.size === 0 && !options.toolHint) {
    throw new ReportRejectedError('empty_report', 'file is empty (0 bytes)', null);
  }
  let format: ReportFormat | null | undefined;
  if (options.toolHint) {
    format = requireFormat(options.toolHint);
  } else {
    input.text();
    format = detectFormat(input);
  }
  if (format === null) {
    throw unknownFormatError(input);
  }
  return { format: format.id, ...format.parse(input) };
}

function unknownFormatError(input: ReportInput): ReportRejectedError {
  if (input.isJson()) {
    return new ReportRejectedError(
      'unknown_format',
      `valid JSON, but not a report of any supported format (${supportedFormats().join(', ')}); pass --tool to name the format`,
    );
  }
  const start = input.text().trimStart()[0];
  if (start === '{' || start === '[') {
    input.json();
  }
  return new ReportRejectedError(
    'unknown_format',
    `not a report of any supported format: no JSON, JSON Lines, XML or CSV format matched (${supportedFormats().join(', ')})`,
  );
}
