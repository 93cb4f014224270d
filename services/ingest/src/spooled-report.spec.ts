import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { readBody, SpooledReport } from './spooled-report.js';

function uploadFolders(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('sieve-upload-'));
}

describe('SpooledReport', () => {
  it('spools and disposes a file', async () => {
    const bytes = Buffer.from('{"runs":[]}'.repeat(10_000));
    const report = await SpooledReport.from(Readable.from([bytes.subarray(0, 5000), bytes.subarray(5000)]), bytes.length);
    assert.equal(report.size, bytes.length);
    assert.ok(readFileSync(report.path).equals(bytes));
    await report.dispose();
    assert.equal(existsSync(dirname(report.path)), false);
  });

  it('rejects a stream past the limit', async () => {
    const before = new Set(uploadFolders());
    await assert.rejects(SpooledReport.from(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 1000), (error: { statusCode?: number; code?: string }) => {
      return error.statusCode === 413 && error.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
    });
    assert.deepEqual(uploadFolders().filter((name) => !before.has(name)), []);
  });
});

describe('readBody', () => {
  it('reads a body within the limit', async () => {
    assert.equal((await readBody(Readable.from([Buffer.from('{"assets":'), Buffer.from('[]}')]), 100)).toString(), '{"assets":[]}');
    await assert.rejects(readBody(Readable.from([Buffer.alloc(80), Buffer.alloc(80)]), 100), (error: { statusCode?: number }) => error.statusCode === 413);
  });
});
