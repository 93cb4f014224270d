import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, samplePath, sampleFiles } from '@sieve/testing';
import type { ParseResult } from '../../report-format.js';
import { ReportInput } from '../../report-input.js';
import type { JsonByteSource } from '../../streaming/byte-source.js';
import { sarifFormat } from './sarif.parser.js';
import { streamSarif } from './sarif.stream.js';

const FOLDER = 'sarif';

async function streamed(source: JsonByteSource): Promise<ParseResult> {
  const stream = streamSarif(source);
  const findings = [];
  for await (const finding of stream) {
    findings.push(finding);
  }
  return { ...stream.summary, findings };
}

function whole(bytes: Buffer): ParseResult {
  return sarifFormat.parse(new ReportInput(bytes));
}

// Chunks of pseudo-random sizes from 1 to `max` bytes, the same for every run.
async function* randomChunks(bytes: Buffer, max: number): AsyncIterable<Buffer> {
  let seed = 7;
  let at = 0;
  while (at < bytes.length) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const size = 1 + (seed % max);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

function assertSameResult(actual: ParseResult, expected: ParseResult): void {
  assert.equal(actual.findings.length, expected.findings.length, 'finding count');
  actual.findings.forEach((finding, index) => {
    assert.deepEqual(finding, expected.findings[index], `finding ${index}`);
  });
  assert.deepEqual({ ...actual, findings: [] }, { ...expected, findings: [] });
}

async function rejectionCode(source: JsonByteSource): Promise<string> {
  try {
    await streamed(source);
  } catch (error) {
    assert.ok(error instanceof ReportRejectedError);
    return error.code;
  }
  assert.fail('expected a rejection');
}

describe('streamSarif samples', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`matches parse for ${file}`, async () => {
      const expected = whole(readSample(FOLDER, file));
      assertSameResult(await streamed(samplePath(FOLDER, file)), expected);
    });

    it(`matches parse in random chunks for ${file}`, async () => {
      const bytes = readSample(FOLDER, file);
      assertSameResult(await streamed(randomChunks(bytes, 4096)), whole(bytes));
    });
  }

  it('matches parse in one-byte chunks', async () => {
    const bytes = readSample(FOLDER, 'gitleaks-7.4.0_defectdojo-repo.sarif');
    assertSameResult(await streamed(randomChunks(bytes, 1)), whole(bytes));
  });
});

describe('streamSarif key order', () => {
  const log = JSON.parse(readSample(FOLDER, 'trivy-dev_image_alpine-3.10.sarif').toString('utf8')) as { runs: Array<Record<string, unknown>> };

  it('reads results written before tool', async () => {
    const runs = log.runs.map(({ results, ...rest }) => ({ results, ...rest }));
    const bytes = Buffer.from(JSON.stringify({ runs, version: '2.1.0' }));
    const result = await streamed(bytes);
    assertSameResult(result, whole(bytes));
    assert.equal(result.findings[0]?.location.image, 'ghcr.io/aquasecurity/trivy-test-images');
  });
});

describe('streamSarif rejections', () => {
  it('rejects an unsupported version', async () => {
    assert.equal(await rejectionCode(Buffer.from('{"runs":[],"version":"2.0.0"}')), 'unsupported_version');
  });

  it('rejects a log without runs', async () => {
    assert.equal(await rejectionCode(Buffer.from('{"version":"2.1.0","$schema":"sarif"}')), 'missing_runs');
  });

  it('rejects an array log', async () => {
    assert.equal(await rejectionCode(Buffer.from('[1]')), 'wrong_shape');
  });

  it('rejects a truncated log', async () => {
    const bytes = readSample(FOLDER, 'gitleaks-8_simple_dangling-ruleId.sarif');
    assert.equal(await rejectionCode(bytes.subarray(0, bytes.length - 10)), 'truncated_json');
  });

  it('has no summary before the end', () => {
    assert.throws(() => streamSarif(Buffer.from('{"runs":[]}')).summary, /only after its last finding/);
  });
});
