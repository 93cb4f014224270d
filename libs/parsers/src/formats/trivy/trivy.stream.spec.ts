import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, samplePath, sampleFiles } from '@sieve/testing';
import type { ParseResult } from '../../report-format.js';
import { ReportInput } from '../../report-input.js';
import type { JsonByteSource } from '../../streaming/byte-source.js';
import { trivyFormat } from './trivy.parser.js';
import { streamTrivy } from './trivy.stream.js';

const FOLDER = 'trivy-json';

async function streamed(source: JsonByteSource): Promise<ParseResult> {
  const stream = streamTrivy(source);
  const findings = [];
  for await (const finding of stream) {
    findings.push(finding);
  }
  return { ...stream.summary, findings };
}

function whole(bytes: Buffer): ParseResult {
  return trivyFormat.parse(new ReportInput(bytes));
}

// Chunks of pseudo-random sizes from 1 to `max` bytes, the same for every run.
async function* randomChunks(bytes: Buffer, max: number): AsyncIterable<Buffer> {
  let seed = 11;
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

// Rewrites a JSON value with every object's keys sorted, as `jq -S` does.
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
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

describe('streamTrivy samples', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`matches parse for ${file}`, async () => {
      assertSameResult(await streamed(samplePath(FOLDER, file)), whole(readSample(FOLDER, file)));
    });

    it(`matches parse in random chunks for ${file}`, async () => {
      const bytes = readSample(FOLDER, file);
      assertSameResult(await streamed(randomChunks(bytes, 4096)), whole(bytes));
    });

    it(`matches parse with sorted keys for ${file}`, async () => {
      const bytes = Buffer.from(JSON.stringify(sortKeys(JSON.parse(readSample(FOLDER, file).toString('utf8')))));
      assertSameResult(await streamed(randomChunks(bytes, 512)), whole(bytes));
    });
  }

  it('matches parse in one-byte chunks', async () => {
    const bytes = readSample(FOLDER, 'trivy_fs_vulns-misconfig-secrets_schema2.json');
    assertSameResult(await streamed(randomChunks(bytes, 1)), whole(bytes));
  });
});

describe('streamTrivy records', () => {
  it('warns about a record list that is not an array', async () => {
    const bytes = Buffer.from(JSON.stringify({ SchemaVersion: 2, Results: [{ Target: 'a', Class: 'lang-pkgs', Type: 'npm', Vulnerabilities: 'none' }] }));
    const result = await streamed(bytes);
    assertSameResult(result, whole(bytes));
    assert.equal(result.warnings[0]?.location, '/Results/0/Vulnerabilities');
  });

  it('warns about a result that is not an object', async () => {
    const bytes = Buffer.from(JSON.stringify([7]));
    assertSameResult(await streamed(bytes), whole(bytes));
  });
});

describe('streamTrivy rejections', () => {
  it('rejects Results that is not an array', async () => {
    assert.equal(await rejectionCode(Buffer.from('{"SchemaVersion":2,"Results":{"Target":"a"}}')), 'invalid_report');
  });

  it('rejects a JSON string', async () => {
    assert.equal(await rejectionCode(Buffer.from('"report"')), 'invalid_report');
  });

  it('rejects a truncated report', async () => {
    const bytes = readSample(FOLDER, 'trivy-dev_image_alpine-3.10_schema2_4-vulns.json');
    assert.equal(await rejectionCode(bytes.subarray(0, bytes.length - 100)), 'truncated_json');
  });
});
