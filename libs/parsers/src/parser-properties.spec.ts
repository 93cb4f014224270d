import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, sampleFiles } from '@sieve/testing';
import { parseReport, supportedFormats } from './format-registry.js';
import type { ParseResult } from './report-format.js';
import { foldersOfFormat, formatOfSample } from './testing/sample-formats.js';

// Keeps Burp's only API sample (147 KB) and leaves out the large SARIF, Grype
// and Trivy samples, which would slow every case.
const MAX_SAMPLE_BYTES = 200_000;
const RUNS = 40;
// The slowest case measured on a 2-core machine took about 200 ms, so a case
// ten times as slow is taken for a hang.
const MAX_PARSE_MS = 2_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonPath = Array<string | number>;

interface Sample {
  label: string;
  bytes: Buffer;
  /** The parsed document for JSON samples, else null. */
  document: Json | null;
  /** Paths of every array element and object member of the document. */
  paths: JsonPath[];
}

function samplesOf(format: string): Sample[] {
  return foldersOfFormat(format)
    .flatMap((folder) => sampleFiles(folder).filter((file) => formatOfSample(folder, file) === format).map((file) => ({ label: `${folder}/${file}`, bytes: readSample(folder, file) })))
    .filter((sample) => sample.bytes.length > 0 && sample.bytes.length <= MAX_SAMPLE_BYTES)
    .map((sample) => {
      const document = jsonDocument(sample.bytes);
      return { ...sample, document, paths: document === null ? [] : pathsOf(document, []) };
    });
}

function jsonDocument(bytes: Buffer): Json | null {
  try {
    return JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as Json;
  } catch {
    return null;
  }
}

function pathsOf(value: Json, path: JsonPath): JsonPath[] {
  if (value === null || typeof value !== 'object') {
    return [];
  }
  const children: Array<[string | number, Json]> = Array.isArray(value) ? value.map((child, index) => [index, child]) : Object.entries(value);
  return children.flatMap(([key, child]) => [[...path, key], ...pathsOf(child, [...path, key])]);
}

// An index rather than the sample itself, so that a counterexample prints a number and not the bytes.
function sampleIndex(samples: Sample[]): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: samples.length - 1 });
}

function replacedAt(document: Json, path: JsonPath, replacement: Json): Json {
  const copy = structuredClone(document);
  const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, copy);
  (parent as Record<string | number, Json>)[path.at(-1)!] = replacement;
  return copy;
}

/**
 * Parses with the format forced, as --tool does, so the format's own parser
 * reads the input even where detection would not pick it. The outcome must
 * be findings with located warnings, or a ReportRejectedError that names the
 * problem and where it is. Only a blank file may be rejected without a location.
 */
function expectDomainOutcome(format: string, bytes: Buffer, label: string): void {
  const started = performance.now();
  let outcome: { result: ParseResult } | { error: unknown };
  try {
    outcome = { result: parseReport(bytes, { toolHint: format }) };
  } catch (error) {
    outcome = { error };
  }
  const elapsed = performance.now() - started;
  assert.ok(elapsed < MAX_PARSE_MS, `${label}: took ${Math.round(elapsed)} ms`);

  if ('result' in outcome) {
    for (const warning of outcome.result.warnings) {
      assert.equal(typeof warning.location, 'string', `${label}: warning without a location: ${warning.message}`);
    }
    return;
  }
  const { error } = outcome;
  assert.ok(error instanceof ReportRejectedError, `${label}: threw ${(error as Error).name}: ${(error as Error).message}`);
  assert.ok(error.message.length > 0, `${label}: rejection without a message`);
  const isBlank = bytes.toString('utf8').trim().length === 0;
  assert.ok(error.location !== null || isBlank, `${label}: rejection ${error.code} without a location: ${error.message}`);
}

describe('every parser on mutated and random input', () => {
  for (const format of supportedFormats()) {
    const samples = samplesOf(format);

    it(`has samples for ${format}`, () => {
      assert.ok(samples.length > 0, `no sample of ${format} up to ${MAX_SAMPLE_BYTES} bytes`);
    });
    if (samples.length === 0) {
      continue;
    }

    it(`${format} survives truncation`, () => {
      fc.assert(
        fc.property(sampleIndex(samples), fc.double({ min: 0, max: 1, noNaN: true }), (index, fraction) => {
          const sample = samples[index]!;
          const cut = sample.bytes.subarray(0, Math.floor(sample.bytes.length * fraction));
          expectDomainOutcome(format, cut, `${sample.label} cut at ${cut.length}`);
        }),
        { numRuns: RUNS },
      );
    });

    it(`${format} survives corrupted bytes`, () => {
      fc.assert(
        fc.property(sampleIndex(samples), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }), (index, edits) => {
          const sample = samples[index]!;
          const bytes = Buffer.from(sample.bytes);
          for (const [position, value] of edits) bytes[position % bytes.length] = value;
          expectDomainOutcome(format, bytes, `${sample.label} with ${edits.length} bytes changed`);
        }),
        { numRuns: RUNS },
      );
    });

    it(`${format} survives a replaced line`, () => {
      fc.assert(
        fc.property(sampleIndex(samples), fc.nat(), fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value))), (index, line, text) => {
          const sample = samples[index]!;
          const lines = sample.bytes.toString('utf8').split('\n');
          lines[line % lines.length] = text;
          expectDomainOutcome(format, Buffer.from(lines.join('\n')), `${sample.label} with line ${(line % lines.length) + 1} replaced`);
        }),
        { numRuns: RUNS },
      );
    });

    const jsonSamples = samples.filter((sample) => sample.paths.length > 0);
    if (jsonSamples.length > 0) {
      it(`${format} survives a random value in a record`, () => {
        fc.assert(
          fc.property(sampleIndex(jsonSamples), fc.nat(), fc.jsonValue({ maxDepth: 6 }), (index, node, value) => {
            const sample = jsonSamples[index]!;
            const path = sample.paths[node % sample.paths.length]!;
            const mutated = replacedAt(sample.document!, path, value as Json);
            expectDomainOutcome(format, Buffer.from(JSON.stringify(mutated)), `${sample.label} with a random value at /${path.join('/')}`);
          }),
          { numRuns: RUNS },
        );
      });
    }

    it(`${format} survives random JSON`, () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
          expectDomainOutcome(format, Buffer.from(JSON.stringify(value)), `random JSON ${JSON.stringify(value).slice(0, 80)}`);
        }),
        { numRuns: RUNS },
      );
    });

    it(`${format} survives random bytes`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2_000 }), (bytes) => {
          expectDomainOutcome(format, Buffer.from(bytes), `${bytes.length} random bytes`);
        }),
        { numRuns: RUNS },
      );
    });
  }
});
