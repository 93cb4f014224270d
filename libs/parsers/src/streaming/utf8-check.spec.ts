import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonScanError } from './json-scan-error.js';
import { firstInvalidUtf8, Utf8Check } from './utf8-check.js';

function checkInChunks(bytes: Buffer, size: number): void {
  const check = new Utf8Check();
  for (let at = 0; at < bytes.length; at += size) {
    check.check(bytes.subarray(at, at + size), at);
  }
  check.end();
}

function rejectionOffset(bytes: Buffer, size: number): number {
  try {
    checkInChunks(bytes, size);
  } catch (error) {
    assert.ok(error instanceof JsonScanError);
    return error.offset;
  }
  return -1;
}

describe('firstInvalidUtf8', () => {
  const cases: Array<[string, number[], number]> = [
    ['ASCII', [0x61, 0x62], -1],
    ['two-byte character', [0x61, 0xc3, 0xa9], -1],
    ['four-byte character', [0xf0, 0x9f, 0x98, 0x80], -1],
    ['lone continuation byte', [0x61, 0x80], 1],
    ['overlong slash', [0xc0, 0xaf], 0],
    ['overlong three-byte form', [0xe0, 0x80, 0xaf], 0],
    ['UTF-16 surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
    ['code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['cut sequence', [0x61, 0xe2, 0x82], 1],
    ['invalid lead byte', [0xff], 0],
  ];
  for (const [name, bytes, expected] of cases) {
    it(`finds ${name}`, () => {
      assert.equal(firstInvalidUtf8(Uint8Array.from(bytes)), expected);
    });
  }
});

describe('Utf8Check', () => {
  const text = Buffer.from('a\u00e9\u20ac\u{1f600}z'.repeat(3));

  it('accepts characters split across chunks', () => {
    for (let size = 1; size <= 8; size++) {
      assert.doesNotThrow(() => checkInChunks(text, size), `chunk size ${size}`);
    }
  });

  it('names the offset across chunks', () => {
    const bytes = Buffer.concat([Buffer.from('abc\u00e9'), Buffer.from([0xe2, 0x28, 0xa1]), Buffer.from('x')]);
    for (let size = 1; size <= 8; size++) {
      assert.equal(rejectionOffset(bytes, size), 5, `chunk size ${size}`);
    }
  });

  it('rejects a character cut by the end', () => {
    const bytes = Buffer.concat([Buffer.from('ab'), Buffer.from([0xf0, 0x9f, 0x98])]);
    for (let size = 1; size <= 5; size++) {
      assert.equal(rejectionOffset(bytes, size), 2, `chunk size ${size}`);
    }
  });
});
