import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import type { JsonByteSource } from './byte-source.js';
import { JsonScanError } from './json-scan-error.js';
import type { JsonValueEvent } from './json-events.js';
import type { JsonSelection, SplitSelection } from './json-selection.js';
import { streamJsonValues, type ScanOptions } from './json-value-stream.js';

const dir = mkdtempSync(join(tmpdir(), 'sieve-json-stream-spec-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const RUNS: SplitSelection = {
  members: { runs: { elements: { members: { results: { elements: 'whole' } }, order: 'rest-first' } } },
};

async function collect(source: JsonByteSource, selection: JsonSelection, options?: ScanOptions): Promise<JsonValueEvent[]> {
  const events: JsonValueEvent[] = [];
  for await (const event of streamJsonValues(source, selection, options)) {
    events.push(event);
  }
  return events;
}

async function* chunks(bytes: Buffer, size: number | (() => number)): AsyncIterable<Buffer> {
  let at = 0;
  while (at < bytes.length) {
    const length = typeof size === 'number' ? size : size();
    yield bytes.subarray(at, at + length);
    at += length;
  }
}

async function rejection(source: JsonByteSource, selection: JsonSelection = 'whole', options?: ScanOptions): Promise<JsonScanError> {
  try {
    await collect(source, selection, options);
  } catch (error) {
    assert.ok(error instanceof JsonScanError, `expected JsonScanError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the stream to be rejected');
}

function writeTemp(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('streamJsonValues selection', () => {
  it('emits a whole root value', async () => {
    const events = await collect(Buffer.from('{"a":[1,2]}'), 'whole');
    assert.deepEqual(events, [{ path: [], value: { a: [1, 2] } }]);
  });

  it('emits array elements with their paths', async () => {
    const events = await collect(Buffer.from('[1, "two", {"three": 3}, [4], null]'), { elements: 'whole' });
    assert.deepEqual(events, [
      { path: [0], value: 1 },
      { path: [1], value: 'two' },
      { path: [2], value: { three: 3 } },
      { path: [3], value: [4] },
      { path: [4], value: null },
    ]);
  });

  it('emits an object without its split members', async () => {
    const events = await collect(Buffer.from('{"version":"2.1.0","runs":[],"x":{"y":1}}'), RUNS);
    assert.deepEqual(events, [{ path: [], value: { version: '2.1.0', runs: [], x: { y: 1 } } }]);
  });

  it('keeps a listed member that is not an array', async () => {
    const events = await collect(Buffer.from('{"runs":null}'), RUNS);
    assert.deepEqual(events, [{ path: [], value: { runs: null } }]);
  });

  it('emits a run before its results when results come first', async () => {
    const text = '{"runs":[{"results":[{"id":1},{"id":2}],"tool":{"name":"t"}},{"tool":{"name":"u"},"results":[]}]}';
    const events = await collect(Buffer.from(text), RUNS);
    assert.deepEqual(events, [
      { path: ['runs', 0], value: { results: [], tool: { name: 't' } } },
      { path: ['runs', 0, 'results', 0], value: { id: 1 } },
      { path: ['runs', 0, 'results', 1], value: { id: 2 } },
      { path: ['runs', 1], value: { tool: { name: 'u' }, results: [] } },
      { path: [], value: { runs: [] } },
    ]);
  });

  it('reads mixed elements set aside', async () => {
    const text = '{"runs":[{"results":[ 1 , {"a":1},"x",[2] ,{"b":{"c":[]}}, null ],"tool":{}}]}';
    for (const source of [Buffer.from(text), writeTemp('mixed.json', text)]) {
      const events = await collect(source, RUNS, { chunkBytes: 4 });
      assert.deepEqual(
        events.map((event) => event.value),
        [{ results: [], tool: {} }, 1, { a: 1 }, 'x', [2], { b: { c: [] } }, null, { runs: [] }],
      );
    }
  });

  it('reads a set-aside scalar after objects', async () => {
    const events = await collect(Buffer.from('{"runs":[{"results":[{"a":1},{"b":2},7],"tool":{}}]}'), RUNS);
    assert.deepEqual(
      events.map((event) => event.path),
      [['runs', 0], ['runs', 0, 'results', 0], ['runs', 0, 'results', 1], ['runs', 0, 'results', 2], []],
    );
  });

  it('skips members outside keep', async () => {
    const selection: JsonSelection = { members: { list: { elements: 'whole' } }, keep: ['a'] };
    const events = await collect(Buffer.from('{"a":1,"big":{"b":[1,2,3]},"list":[7]}'), selection);
    assert.deepEqual(events, [
      { path: ['list', 0], value: 7 },
      { path: [], value: { a: 1, list: [] } },
    ]);
  });

  it('reads in place when needs come first', async () => {
    const selection: JsonSelection = { members: { list: { elements: 'whole' } }, order: 'rest-first', needs: ['a'] };
    const events = await collect(Buffer.from('{"a":1,"list":[7,8],"later":2}'), selection);
    assert.deepEqual(events, [
      { path: [], value: { a: 1, list: [] } },
      { path: ['list', 0], value: 7 },
      { path: ['list', 1], value: 8 },
    ]);
  });

  it('reads again when a need comes later', async () => {
    const selection: JsonSelection = { members: { list: { elements: 'whole' } }, order: 'rest-first', needs: ['a'] };
    const events = await collect(Buffer.from('{"list":[7],"a":1}'), selection);
    assert.deepEqual(events, [
      { path: [], value: { list: [], a: 1 } },
      { path: ['list', 0], value: 7 },
    ]);
  });

  it('replays set-aside members in listed order', async () => {
    const selection: JsonSelection = { members: { first: { elements: 'whole' }, second: { elements: 'whole' } }, order: 'rest-first' };
    const events = await collect(Buffer.from('{"second":[2],"first":[1]}'), selection);
    assert.deepEqual(
      events.map((event) => event.path),
      [[], ['first', 0], ['second', 0]],
    );
  });

  it('sets aside a member listed after one not yet seen', async () => {
    const selection: JsonSelection = { members: { first: { elements: 'whole' }, second: { elements: 'whole' } }, order: 'rest-first', needs: [] };
    const events = await collect(Buffer.from('{"second":[2],"first":[1]}'), selection);
    assert.deepEqual(
      events.map((event) => event.path),
      [[], ['first', 0], ['second', 0]],
    );
  });

  it('emits a late listed scalar on its own', async () => {
    const selection: JsonSelection = { members: { first: { elements: 'whole' }, second: { elements: 'whole' } }, order: 'rest-first', needs: [] };
    const events = await collect(Buffer.from('{"first":[1],"second":"text"}'), selection);
    assert.deepEqual(events, [
      { path: [], value: { first: [] } },
      { path: ['first', 0], value: 1 },
      { path: ['second'], value: 'text' },
    ]);
  });

  it('keeps __proto__ as an own member', async () => {
    const [event] = await collect(Buffer.from('{"__proto__":{"polluted":true},"runs":[]}'), RUNS);
    const value = event?.value as Record<string, unknown>;
    assert.equal(Object.prototype.hasOwnProperty.call(value, '__proto__'), true);
    assert.equal((value as { polluted?: unknown }).polluted, undefined);
  });

  it('takes the last of repeated plain members', async () => {
    const [event] = await collect(Buffer.from('{"a":1,"a":2}'), RUNS);
    assert.deepEqual(event?.value, JSON.parse('{"a":1,"a":2}'));
  });

  it('rejects a repeated split member', async () => {
    const error = await rejection(Buffer.from('{"runs":[],"runs":[]}'), RUNS);
    assert.equal(error.code, 'duplicate_key');
  });

  it('rejects a need repeated after in-place reading', async () => {
    const selection: JsonSelection = { members: { list: { elements: 'whole' } }, order: 'rest-first', needs: ['a'] };
    const error = await rejection(Buffer.from('{"a":1,"list":[],"a":2}'), selection);
    assert.equal(error.code, 'duplicate_key');
  });
});

describe('streamJsonValues sources', () => {
  const text = '{"runs":[{"results":[{"id":1},{"id":"\\u00e9\\"}"}],"tool":{"name":"t\u00fc"}}]}';
  const expected = [
    { path: ['runs', 0], value: { results: [], tool: { name: 't\u00fc' } } },
    { path: ['runs', 0, 'results', 0], value: { id: 1 } },
    { path: ['runs', 0, 'results', 1], value: { id: '\u00e9"}' } },
    { path: [], value: { runs: [] } },
  ];

  it('reads a file path', async () => {
    assert.deepEqual(await collect(writeTemp('source.json', text), RUNS), expected);
  });

  it('reads a Readable stream', async () => {
    assert.deepEqual(await collect(Readable.from([Buffer.from(text)]), RUNS), expected);
  });

  it('reads one-byte chunks', async () => {
    assert.deepEqual(await collect(chunks(Buffer.from(text), 1), RUNS), expected);
  });

  it('reads every chunk size', async () => {
    const bytes = Buffer.from(text);
    for (let size = 1; size <= bytes.length; size++) {
      assert.deepEqual(await collect(chunks(bytes, size), RUNS), expected, `chunk size ${size}`);
    }
  });

  it('reads small file chunks', async () => {
    assert.deepEqual(await collect(writeTemp('small-chunks.json', text), RUNS, { chunkBytes: 3 }), expected);
  });

  it('removes its spill file', async () => {
    const spillDirectory = mkdtempSync(join(dir, 'spill-'));
    const events = await collect(chunks(Buffer.from(text), 5), RUNS, { spillDirectory });
    assert.deepEqual(events, expected);
    assert.deepEqual(readdirSync(spillDirectory), []);
  });

  it('cleans up when stopped early', async () => {
    const spillDirectory = mkdtempSync(join(dir, 'spill-'));
    for await (const event of streamJsonValues(chunks(Buffer.from(text), 5), RUNS, { spillDirectory })) {
      assert.deepEqual(event.path, ['runs', 0]);
      break;
    }
    assert.deepEqual(readdirSync(spillDirectory), []);
  });

  it('spills only set-aside members', async () => {
    const spillDirectory = mkdtempSync(join(dir, 'spill-'));
    let spilled: string[] = [];
    for await (const event of streamJsonValues(chunks(Buffer.from(text), 5), RUNS, { spillDirectory })) {
      if (event.path.length === 2) {
        const [folder] = readdirSync(spillDirectory);
        spilled = readdirSync(join(spillDirectory, folder as string)).map((name) => readFileSync(join(spillDirectory, folder as string, name), 'utf8'));
      }
    }
    assert.deepEqual(spilled, ['[{"id":1},{"id":"\\u00e9\\"}"}]']);
  });

  it('skips a byte-order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    assert.deepEqual(await collect(chunks(bytes, 1), RUNS), expected);
  });

  it('rejects a chunk that is a string', async () => {
    await assert.rejects(collect(Readable.from(['{}'], { objectMode: true }), 'whole'), TypeError);
  });
});

describe('streamJsonValues rejections', () => {
  it('rejects truncation with its offset', async () => {
    const error = await rejection(Buffer.from('{"runs":[{"results":[{"a":1}'), RUNS);
    assert.equal(error.code, 'truncated_json');
    assert.equal(error.offset, 28);
  });

  it('rejects truncation inside a string', async () => {
    const error = await rejection(Buffer.from('["abc'), { elements: 'whole' });
    assert.equal(error.code, 'truncated_json');
  });

  it('rejects truncation inside a skipped value', async () => {
    const error = await rejection(Buffer.from('{"runs":[],"x":{"y":['), { ...RUNS, keep: [] });
    assert.equal(error.code, 'truncated_json');
  });

  it('names line and column for a file', async () => {
    const error = await rejection(writeTemp('truncated.json', '{\n  "a": [\n    1,'), 'whole');
    assert.equal(error.location, 'line 3, column 7 (byte 17)');
  });

  it('names only the byte for a stream', async () => {
    const error = await rejection(Readable.from([Buffer.from('{\n  "a": [\n    1,')]), 'whole');
    assert.equal(error.location, 'byte 17');
  });

  it('rejects invalid UTF-8 with its offset', async () => {
    const bytes = Buffer.concat([Buffer.from('{"a":"ab'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const error = await rejection(chunks(bytes, 1), 'whole');
    assert.equal(error.code, 'invalid_utf8');
    assert.equal(error.offset, 8);
  });

  it('rejects a character cut by the end', async () => {
    const error = await rejection(Buffer.concat([Buffer.from('"ab'), Buffer.from([0xe2, 0x82])]), 'whole');
    assert.equal(error.code, 'invalid_utf8');
    assert.equal(error.offset, 3);
  });

  it('rejects nesting over the depth limit', async () => {
    const text = `{"runs":[${'['.repeat(300)}${']'.repeat(300)}]}`;
    const error = await rejection(Buffer.from(text), RUNS);
    assert.equal(error.code, 'too_deep');
    assert.equal(error.offset, 9 + 254);
  });

  it('accepts nesting at the depth limit', async () => {
    const text = `[${'['.repeat(9)}${']'.repeat(9)}]`;
    const events = await collect(Buffer.from(text), { elements: 'whole' }, { maxDepth: 10 });
    assert.equal(events.length, 1);
  });

  it('rejects an oversize element with its offset', async () => {
    const text = `[1,"${'x'.repeat(100)}",2]`;
    const error = await rejection(chunks(Buffer.from(text), 7), { elements: 'whole' }, { maxElementBytes: 50 });
    assert.equal(error.code, 'element_too_large');
    assert.equal(error.offset, 3);
  });

  it('rejects an oversize set-aside element', async () => {
    const text = `{"runs":[{"results":[{"a":1},{"b":"${'x'.repeat(100)}"}],"tool":{}}]}`;
    const error = await rejection(Buffer.from(text), RUNS, { maxElementBytes: 50 });
    assert.equal(error.code, 'element_too_large');
    assert.equal(error.offset, 29);
  });

  it('rejects a double comma in a set-aside array', async () => {
    const error = await rejection(Buffer.from('{"runs":[{"results":[{"a":1},,{"b":2}],"tool":{}}]}'), RUNS);
    assert.equal(error.code, 'invalid_json');
    assert.equal(error.offset, 29);
  });

  it('rejects an oversize object rest', async () => {
    const text = `{"a":"${'x'.repeat(40)}","b":"${'y'.repeat(40)}","runs":[]}`;
    const error = await rejection(Buffer.from(text), RUNS, { maxElementBytes: 60 });
    assert.equal(error.code, 'element_too_large');
  });

  it('accepts a big skipped member', async () => {
    const text = `{"a":1,"skipped":"${'x'.repeat(1000)}","runs":[]}`;
    const events = await collect(Buffer.from(text), { ...RUNS, keep: ['a'] }, { maxElementBytes: 60 });
    assert.deepEqual(events, [{ path: [], value: { a: 1, runs: [] } }]);
  });

  it('rejects mismatched brackets', async () => {
    const error = await rejection(Buffer.from('[{"a":[1}]'), { elements: 'whole' });
    assert.equal(error.code, 'invalid_json');
    assert.equal(error.offset, 8);
  });

  it('rejects data after the value', async () => {
    const error = await rejection(Buffer.from('{} {}'), 'whole');
    assert.equal(error.code, 'invalid_json');
    assert.equal(error.offset, 3);
  });

  it('rejects invalid JSON in an element', async () => {
    const error = await rejection(Buffer.from('[{"a":tru}]'), { elements: 'whole' });
    assert.equal(error.code, 'invalid_json');
  });

  it('rejects a missing colon', async () => {
    const error = await rejection(Buffer.from('{"runs" []}'), RUNS);
    assert.equal(error.code, 'invalid_json');
    assert.equal(error.offset, 8);
  });

  it('rejects a trailing comma', async () => {
    const error = await rejection(Buffer.from('{"runs":[{"results":[1,]}]}'), RUNS);
    assert.equal(error.code, 'invalid_json');
  });

  it('rejects an empty file', async () => {
    const error = await rejection(Buffer.alloc(0));
    assert.equal(error.code, 'empty_report');
  });

  it('rejects whitespace only', async () => {
    const error = await rejection(Buffer.from('  \n '));
    assert.equal(error.code, 'truncated_json');
  });
});
