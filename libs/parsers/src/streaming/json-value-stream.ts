import { tmpdir } from 'node:os';
import { openByteSource, type ByteInput, type JsonByteSource, type RandomAccessBytes } from './byte-source.js';
import { JsonScanError } from './json-scan-error.js';
import type { JsonValueEvent, Replay } from './json-events.js';
import { JsonScanner } from './json-scanner.js';
import { readNotedElements } from './noted-elements.js';
import { compileSelection, type JsonSelection } from './json-selection.js';
import { SpillFile } from './spill-file.js';
import { Utf8Check } from './utf8-check.js';

export interface ScanOptions {
  /** Largest value parsed in one piece: an element, or an object without its split members. Default 16 MiB. */
  maxElementBytes?: number;
  /** Deepest nesting of objects and arrays. Default 256. */
  maxDepth?: number;
  /** Size of each read from a file. Default 1 MiB. */
  chunkBytes?: number;
  /** Folder for the spill file of a stream source. Default: the system temporary folder. */
  spillDirectory?: string;
}

type Settings = Omit<Required<ScanOptions>, 'spillDirectory'>;

export const DEFAULT_SCAN_OPTIONS: Settings = {
  maxElementBytes: 16 * 1024 * 1024,
  maxDepth: 256,
  chunkBytes: 1024 * 1024,
};

const BOM = [0xef, 0xbb, 0xbf];

// Events per batch: enough to spread the cost of each async step, few enough to die young.
const BATCH_EVENTS = 64;

/**
 * Reads a JSON document from `source` and yields the values that `selection`
 * requests, as they are parsed, in small batches. Memory stays bounded by the
 * chunk size, the largest parsed value and the noted element ends of the
 * arrays set aside in one object (4 bytes per element, at most 16 MiB per
 * array), whatever the size of the document. A leading byte-order mark is
 * skipped. Throws JsonScanError (a ReportRejectedError) for invalid UTF-8,
 * invalid or truncated JSON, a value over `maxElementBytes` or nesting over
 * `maxDepth`. Events already yielded before an error belong to a report that
 * is rejected as a whole.
 */
export async function* streamJsonBatches(source: JsonByteSource, selection: JsonSelection, options: ScanOptions = {}): AsyncGenerator<JsonValueEvent[]> {
  const settings: Settings = {
    maxElementBytes: options.maxElementBytes ?? DEFAULT_SCAN_OPTIONS.maxElementBytes,
    maxDepth: options.maxDepth ?? DEFAULT_SCAN_OPTIONS.maxDepth,
    chunkBytes: options.chunkBytes ?? DEFAULT_SCAN_OPTIONS.chunkBytes,
  };
  const input = openByteSource(source, settings.chunkBytes);
  const spill = input.access === null ? new SpillFile(settings.chunkBytes, options.spillDirectory ?? tmpdir()) : null;
  const access = input.access ?? (spill as SpillFile);
  try {
    const scanner = new JsonScanner(compileSelection(selection), {
      basePath: [],
      baseDepth: 0,
      maxValueBytes: settings.maxElementBytes,
      maxDepth: settings.maxDepth,
      spill: spill === null ? null : (offset, bytes) => spill.write(offset, bytes),
      maxEvents: BATCH_EVENTS,
    });
    yield* scanChunks(scanner, checkedChunks(input), access, settings);
  } catch (error) {
    throw await withPosition(error, input);
  } finally {
    spill?.close();
    await input.close();
  }
}

/** Yields the events of `streamJsonBatches` one by one. */
export async function* streamJsonValues(source: JsonByteSource, selection: JsonSelection, options: ScanOptions = {}): AsyncGenerator<JsonValueEvent> {
  for await (const batch of streamJsonBatches(source, selection, options)) {
    yield* batch;
  }
}

interface OffsetChunk {
  bytes: Buffer;
  offset: number;
}

async function* scanChunks(
  scanner: JsonScanner,
  chunks: AsyncIterable<OffsetChunk>,
  access: RandomAccessBytes,
  settings: Settings,
): AsyncGenerator<JsonValueEvent[]> {
  let endOffset = 0;
  for await (const { bytes, offset } of chunks) {
    scanner.push(bytes, offset);
    endOffset = offset + bytes.length;
    for (;;) {
      const usedUp = scanner.run();
      yield* takeEvents(scanner);
      for (const replay of scanner.replays.splice(0)) {
        yield* scanReplay(replay, access, settings);
      }
      if (usedUp) {
        break;
      }
    }
  }
  scanner.end(endOffset);
  yield* takeEvents(scanner);
}

function* takeEvents(scanner: JsonScanner): Iterable<JsonValueEvent[]> {
  if (scanner.events.length > 0) {
    yield scanner.events.splice(0);
  }
}

// Reads a set-aside member again from its byte range; its own set-aside members are read the same way.
async function* scanReplay(replay: Replay, access: RandomAccessBytes, settings: Settings): AsyncGenerator<JsonValueEvent[]> {
  const newScanner = (): JsonScanner =>
    new JsonScanner(replay.selection, {
      basePath: replay.path,
      baseDepth: replay.depth,
      maxValueBytes: settings.maxElementBytes,
      maxDepth: settings.maxDepth,
      spill: null,
      maxEvents: BATCH_EVENTS,
    });
  const scanFrom = (scanner: JsonScanner, start: number): AsyncGenerator<JsonValueEvent[]> =>
    scanChunks(scanner, withOffsets(access.read(start, replay.end), start), access, settings);

  if (replay.elementEnds === null || replay.elementEnds.overflowed) {
    yield* scanFrom(newScanner(), replay.start);
    return;
  }
  yield* readNotedElements(replay, replay.elementEnds, access, settings.maxElementBytes, BATCH_EVENTS, (index, gapStart) => {
    const scanner = newScanner();
    scanner.startInsideArray(index, index > 0);
    return scanFrom(scanner, gapStart);
  });
}

async function* withOffsets(chunks: AsyncIterable<Buffer>, start: number): AsyncIterable<OffsetChunk> {
  let offset = start;
  for await (const bytes of chunks) {
    yield { bytes, offset };
    offset += bytes.length;
  }
}

/** Yields the input's chunks with their file offsets, after the UTF-8 check and without a leading byte-order mark. */
async function* checkedChunks(input: ByteInput): AsyncIterable<OffsetChunk> {
  const utf8 = new Utf8Check();
  let offset = 0;
  let head: Buffer | null = Buffer.alloc(0);
  for await (const chunk of input.chunks) {
    let bytes = chunk;
    if (head !== null) {
      // The first three bytes decide whether there is a byte-order mark, and a chunk may hold fewer.
      head = Buffer.concat([head, chunk]);
      if (head.length < BOM.length) {
        continue;
      }
      bytes = head;
      head = null;
      if (BOM.every((byte, index) => bytes[index] === byte)) {
        bytes = bytes.subarray(BOM.length);
        offset = BOM.length;
      }
    }
    if (bytes.length === 0) {
      continue;
    }
    utf8.check(bytes, offset);
    yield { bytes, offset };
    offset += bytes.length;
  }
  if (head !== null && head.length > 0) {
    utf8.check(head, 0);
    yield { bytes: head, offset: 0 };
  } else if (head !== null) {
    throw new JsonScanError('empty_report', 'file is empty (0 bytes)', 0);
  }
  utf8.end();
}

async function withPosition(error: unknown, input: ByteInput): Promise<unknown> {
  if (!(error instanceof JsonScanError) || input.position === null) {
    return error;
  }
  const { line, column } = await input.position(error.offset);
  return error.withPosition(line, column);
}
