import { open, readFile, stat } from 'node:fs/promises';
import { ReportRejectedError } from '@sieve/domain';
import { parseReport, requireFormat } from './format-registry.js';
import { REPORT_FORMATS } from './formats/index.js';
import type { ReportFormat } from './report-format.js';
import { MAX_DOCUMENT_BYTES } from './report-input.js';
import type { JsonByteSource } from './streaming/byte-source.js';
import { findingsInMemory, type FindingStream } from './streaming/finding-stream.js';

/** Reports larger than this are streamed when their format has a streaming parser. */
export const STREAM_ABOVE_BYTES = 32 * 1024 * 1024;

/** How much of a report's start a streamed format is detected from. */
export const HEAD_BYTES = 64 * 1024;

/** A report's bytes, wherever they are kept, read whole or as a stream. */
export interface ReportBytes {
  readonly size: number;
  /** The first HEAD_BYTES bytes, or all of a shorter report. */
  head(): Promise<Buffer>;
  /** The whole report in memory. */
  whole(): Promise<Buffer>;
  /** The report for a streaming parser. A path or bytes can be read twice, and a stream spills to a file. */
  source(): JsonByteSource;
}

export interface ReadReportOptions {
  toolHint?: string | null;
  sourceName?: string | null;
  /** Size above which a streamable report is streamed, STREAM_ABOVE_BYTES by default. */
  streamAbove?: number;
}

export interface OpenedReport {
  format: string;
  /** The findings, then the summary. A streamed report is read while it is iterated. */
  findings: FindingStream;
  /** True when the report is read as a stream, so a rejection can come after findings. */
  streamed: boolean;
}

/**
 * Opens a report for reading. A report up to `streamAbove` bytes, or one of a
 * format without a streaming parser, is read whole, exactly as parseReport
 * does. A larger one whose start matches a streamable format is parsed as
 * its findings are consumed, in bounded memory. A report too large to read
 * whole that no streaming parser can take is rejected, naming the limit.
 */
export async function readReport(bytes: ReportBytes, options: ReadReportOptions = {}): Promise<OpenedReport> {
  const streamAbove = options.streamAbove ?? STREAM_ABOVE_BYTES;
  const format = bytes.size > streamAbove ? await streamableFormat(bytes, options.toolHint ?? null) : null;
  if (format !== null) {
    return { format: format.id, findings: format.parseStream!(bytes.source()), streamed: true };
  }

  if (bytes.size > MAX_DOCUMENT_BYTES) {
    throw tooLargeToReadWhole(bytes.size, options.toolHint ?? null);
  }
  const { format: id, findings, ...summary } = parseReport(await bytes.whole(), { toolHint: options.toolHint, sourceName: options.sourceName, receivedSize: bytes.size });
  return { format: id, findings: findingsInMemory(findings, summary), streamed: false };
}

/** Formats that can read a report as a stream, in detection order. */
export function streamableFormats(): string[] {
  return REPORT_FORMATS.filter((format) => format.parseStream !== undefined).map((format) => format.id);
}

async function streamableFormat(bytes: ReportBytes, toolHint: string | null): Promise<ReportFormat | null> {
  if (toolHint) {
    const format = requireFormat(toolHint);
    return format.parseStream === undefined ? null : format;
  }
  const head = headText(await bytes.head());
  return REPORT_FORMATS.find((format) => format.parseStream !== undefined && format.detectHead?.(head) === true) ?? null;
}

// The head may end inside a character; the decoder replaces that one.
function headText(head: Buffer): string {
  const text = new TextDecoder('utf-8').decode(head);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function tooLargeToReadWhole(size: number, toolHint: string | null): ReportRejectedError {
  const streamable = streamableFormats().join(', ');
  const reason = toolHint
    ? `--tool ${toolHint} has no streaming parser`
    : `its start matches no format with a streaming parser`;
  return new ReportRejectedError(
    'too_large',
    `report of ${size} bytes is larger than the ${MAX_DOCUMENT_BYTES}-byte limit for reading a report whole, and ${reason} (streamed formats: ${streamable})`,
  );
}

/** Wraps a report already in memory. */
export function reportInMemory(buffer: Buffer): ReportBytes {
  return {
    size: buffer.length,
    head: async () => buffer.subarray(0, HEAD_BYTES),
    whole: async () => buffer,
    source: () => buffer,
  };
}

/** Opens a report in a file, read from disk each time it is needed. */
export async function reportInFile(path: string): Promise<ReportBytes> {
  const { size } = await stat(path);
  return {
    size,
    head: () => readHead(path),
    whole: () => readFile(path),
    source: () => path,
  };
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
