import type { RandomAccessBytes } from './byte-source.js';
import type { ElementEnds } from './element-ends.js';
import { tooLargeError } from './raw-value-scan.js';
import type { JsonValueEvent, Replay } from './json-events.js';
import { parseJson } from './parsed-value.js';

/** Scans the rest of the array from `gapStart`, before element `index`, when the noted ends cannot be used. */
export type ElementsFallback = (index: number, gapStart: number) => AsyncGenerator<JsonValueEvent[]>;

/**
 * Reads the elements of a set-aside array by cutting them at the end offsets
 * noted on the first pass, so that each element is parsed without being
 * scanned again. Between two elements only whitespace and one comma are
 * allowed. Anything else is an element that is not an object or array and
 * so has no noted end, and the rest of the array goes to `fallback`.
 */
export async function* readNotedElements(
  replay: Replay,
  elementEnds: ElementEnds,
  access: RandomAccessBytes,
  maxElementBytes: number,
  maxEvents: number,
  fallback: ElementsFallback,
): AsyncGenerator<JsonValueEvent[]> {
  const ends = elementEnds.ends()[Symbol.iterator]();
  let nextEnd = ends.next().value;
  let index = 0;
  let state: 'open' | 'gap' | 'element' | 'tail' = 'open';
  let sawComma = false;
  let gapStart = replay.start + 1;
  let elementStart = 0;
  let pieces: Buffer[] = [];
  let chunkOffset = replay.start;

  let events: JsonValueEvent[] = [];
  for await (const chunk of access.read(replay.start, replay.end)) {
    let i = 0;
    while (i < chunk.length) {
      if (state === 'element') {
        const end = nextEnd as number;
        if (end - elementStart > maxElementBytes) {
          throw tooLargeError(elementStart, maxElementBytes);
        }
        const stop = end - chunkOffset;
        if (stop > chunk.length) {
          pieces.push(Buffer.from(chunk.subarray(i)));
          break;
        }
        const text = pieces.length === 0 ? chunk.toString('utf8', i, stop) : Buffer.concat([...pieces, chunk.subarray(i, stop)]).toString('utf8');
        events.push({ path: [...replay.path, index], value: parseJson(text, elementStart) });
        if (events.length >= maxEvents) {
          yield events;
          events = [];
        }
        pieces = [];
        index++;
        i = stop;
        gapStart = end;
        sawComma = false;
        nextEnd = ends.next().value;
        state = nextEnd === undefined ? 'tail' : 'gap';
        continue;
      }

      const byte = chunk[i] as number;
      if (state === 'open') {
        state = nextEnd === undefined ? 'tail' : 'gap';
      } else if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) {
        // Whitespace between elements.
      } else if (state === 'gap' && byte === 0x2c && index > 0 && !sawComma) {
        sawComma = true;
      } else if (state === 'gap' && (byte === 0x7b || byte === 0x5b) && (index === 0 || sawComma)) {
        state = 'element';
        elementStart = chunkOffset + i;
        continue;
      } else if (!(state === 'tail' && byte === 0x5d && chunkOffset + i === replay.end - 1)) {
        if (events.length > 0) {
          yield events;
        }
        yield* fallback(index, gapStart);
        return;
      }
      i++;
    }
    chunkOffset += chunk.length;
  }
  if (events.length > 0) {
    yield events;
  }
}
