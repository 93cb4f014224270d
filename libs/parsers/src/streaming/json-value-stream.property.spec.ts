import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { JsonByteSource } from './byte-source.js';
import type { JsonValueEvent } from './json-events.js';
import type { JsonSelection } from './json-selection.js';
import { streamJsonValues } from './json-value-stream.js';

const jsonValue = fc.jsonValue({ stringUnit: 'binary', maxDepth: 6 });
// Long strings full of backslashes and quotes, so that escapes fall on chunk boundaries.
const escapedText = fc.string({ unit: fc.constantFrom('\\', '"', 'a', '\u00e9', '\n', '\u{1f600}', '}', ']'), maxLength: 80 });
const element = fc.oneof(jsonValue, escapedText, fc.dictionary(escapedText, escapedText, { maxKeys: 3 }));
const indent = fc.constantFrom<string | number | undefined>(undefined, 0, 1, 2, '\t');
const chunkSizes = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 });

async function collect(source: JsonByteSource, selection: JsonSelection): Promise<JsonValueEvent[]> {
  const events: JsonValueEvent[] = [];
  for await (const event of streamJsonValues(source, selection)) {
    events.push(event);
  }
  return events;
}

// Splits `bytes` into chunks whose sizes cycle through `sizes`; a stream or, when `asBuffer`, the bytes themselves.
function source(bytes: Buffer, sizes: number[], asBuffer: boolean): JsonByteSource {
  if (asBuffer) {
    return bytes;
  }
  return (async function* () {
    let at = 0;
    for (let k = 0; at < bytes.length; k++) {
      const size = sizes[k % sizes.length] as number;
      yield bytes.subarray(at, at + size);
      at += size;
    }
  })();
}

describe('streamJsonValues properties', () => {
  it('elements match JSON.parse', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(element, { maxLength: 12 }), indent, chunkSizes, async (values, space, sizes) => {
        const text = ` ${JSON.stringify(values, null, space)}\n`;
        const expected = (JSON.parse(text) as unknown[]).map((value, index) => ({ path: [index], value }));
        const events = await collect(source(Buffer.from(text), sizes, false), { elements: 'whole' });
        assert.deepEqual(events, expected);
      }),
    );
  });

  it('whole root matches JSON.parse', async () => {
    await fc.assert(
      fc.asyncProperty(jsonValue, indent, chunkSizes, async (value, space, sizes) => {
        const text = JSON.stringify(value, null, space);
        const events = await collect(source(Buffer.from(text), sizes, false), 'whole');
        assert.deepEqual(events, [{ path: [], value: JSON.parse(text) as unknown }]);
      }),
    );
  });

  it('split run matches JSON.parse', async () => {
    const members = fc.dictionary(
      fc.string({ unit: 'binary', maxLength: 8 }).filter((key) => key !== 'results'),
      jsonValue,
      { maxKeys: 6 },
    );
    const run = fc.tuple(members, fc.array(element, { maxLength: 8 }), fc.nat());
    await fc.assert(
      fc.asyncProperty(run, chunkSizes, fc.boolean(), async ([others, results, position], sizes, asBuffer) => {
        const entries = Object.entries(others).map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
        entries.splice(position % (entries.length + 1), 0, `"results":${JSON.stringify(results)}`);
        const text = `{"runs":[{${entries.join(',')}}]}`;
        const parsedRun = (JSON.parse(text) as { runs: Array<Record<string, unknown>> }).runs[0] as Record<string, unknown>;

        const selection: JsonSelection = { members: { runs: { elements: { members: { results: { elements: 'whole' } }, order: 'rest-first' } } } };
        const events = await collect(source(Buffer.from(text), sizes, asBuffer), selection);

        const expected = [
          { path: ['runs', 0], value: { ...parsedRun, results: [] } },
          ...(parsedRun['results'] as unknown[]).map((value, index) => ({ path: ['runs', 0, 'results', index], value })),
          { path: [], value: { runs: [] } },
        ];
        assert.deepEqual(events, expected);
      }),
    );
  });
});
