import { parse } from 'csv-parse/sync';
import { ReportRejectedError } from '@sieve/domain';

/**
 * Maximum CSV record size, in characters. Scanner exports put whole plugin
 * outputs into one quoted cell, so the limit is generous, but it stops a
 * missing closing quote from reading the rest of a large file as one cell.
 */
export const MAX_CSV_RECORD_CHARS = 2 * 1024 * 1024;

/** One data row with the 1-based line number it starts on. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** A CSV export read as a header and data rows, with cells looked up by column name. */
export class CsvTable {
  private readonly columns = new Map<string, number>();

  constructor(
    readonly header: string[],
    readonly rows: CsvRow[],
  ) {
    header.forEach((name, index) => {
      const key = name.trim().toLowerCase();
      if (!this.columns.has(key)) {
        this.columns.set(key, index);
      }
    });
  }

  /** Index of the first of these column names (case-insensitive) the header has, or null. */
  columnIndex(...names: string[]): number | null {
    for (const name of names) {
      const index = this.columns.get(name.toLowerCase());
      if (index !== undefined) {
        return index;
      }
    }
    return null;
  }

  /** First non-empty trimmed cell of a row among these columns (case-insensitive names), or null. */
  cell(row: CsvRow, ...names: string[]): string | null {
    for (const name of names) {
      const index = this.columns.get(name.toLowerCase());
      const value = index === undefined ? undefined : row.cells[index]?.trim();
      if (value !== undefined && value !== '') {
        return value;
      }
    }
    return null;
  }
}

interface CsvRecord {
  record: string[];
  info: { lines: number; empty_lines: number };
}

/**
 * Reads a CSV export with a header row. Quoted cells may span lines. A row
 * with a different number of cells than the header is kept, so the parser
 * can warn about it. Throws ReportRejectedError('invalid_csv') naming the
 * line when the text is not valid CSV, for example an unclosed quote.
 */
export function readCsvTable(text: string): CsvTable {
  let records: CsvRecord[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_CSV_RECORD_CHARS,
    }) as CsvRecord[];
  } catch (error) {
    throw csvError(error);
  }

  const [headerRecord, ...dataRecords] = records;
  if (headerRecord === undefined) {
    throw new ReportRejectedError('invalid_csv', 'CSV file has no header row', 'line 1');
  }
  const rows: CsvRow[] = [];
  let previousEnd = headerRecord.info.lines;
  let previousEmpty = headerRecord.info.empty_lines;
  for (const { record, info } of dataRecords) {
    // info.lines is the line a record ends on, and blank lines skipped before the record move its start.
    rows.push({ line: previousEnd + 1 + (info.empty_lines - previousEmpty), cells: record });
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
  }
  return new CsvTable(headerRecord.record, rows);
}

/** Cells of the first record only, for format detection, or null when the text does not start with a CSV record. */
export function csvHeader(text: string): string[] | null {
  const firstLine = text.slice(0, 64 * 1024).split('\n', 1)[0] ?? '';
  try {
    const records = parse(firstLine, { bom: true, to: 1, relax_column_count: true, max_record_size: 64 * 1024 }) as string[][];
    return records[0] ?? null;
  } catch {
    return null;
  }
}

function csvError(error: unknown): ReportRejectedError {
  const details = error as { message?: string; lines?: number };
  const location = typeof details.lines === 'number' ? `line ${details.lines}` : null;
  return new ReportRejectedError('invalid_csv', `invalid CSV: ${details.message ?? String(error)}`, location, { cause: error });
}
