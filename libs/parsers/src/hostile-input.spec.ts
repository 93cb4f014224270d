import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, sampleFiles } from '@sieve/testing';
import { parseReport, supportedFormats, type ParsedReport } from './format-registry.js';

const FOLDERS = ['sarif', 'trivy-json', 'grype-json', 'semgrep-json', 'gitleaks-json', 'npm-audit-json', 'cyclonedx-json', 'snyk-json', 'zap-json', 'zap-xml', 'nessus', 'checkov-json', 'trufflehog-jsonl', 'govulncheck-json', 'burp-xml', 'osv-scanner-json'];

const XML_FORMATS = ['zap-xml', 'burp-xml', 'nessus', 'openvas', 'dependency-check'];
const QUICK_MS = 500;

/** Small samples only, so each property runs hundreds of cases quickly. */
const SAMPLES = FOLDERS.flatMap((folder) => sampleFiles(folder).map((file) => ({ folder, file, bytes: readSample(folder, file) }))).filter(
  (sample) => sample.bytes.length > 0 && sample.bytes.length < 60_000,
);

function expectDomainOutcome(bytes: Buffer, label: string): void {
  try {
    parseReport(bytes);
  } catch (error) {
    assert.ok(error instanceof ReportRejectedError, `${label}: threw ${(error as Error).name}: ${(error as Error).message}`);
    assert.ok(error.message.length > 0, `${label}: rejection without a message`);
  }
}

describe('parseReport on hostile input', () => {
  it('rejects 100-level-deep JSON quickly', () => {
    const deep = Buffer.from('['.repeat(100) + ']'.repeat(100));
    const started = Date.now();
    assert.throws(() => parseReport(deep), (error: unknown) => error instanceof ReportRejectedError && error.code === 'too_deep');
    assert.ok(Date.now() - started < 500);
  });

  it('rejects XML external entities', () => {
    const xxe = Buffer.from('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><OWASPZAPReport><site>&x;</site></OWASPZAPReport>');
    assert.throws(() => parseReport(xxe), (error: unknown) => error instanceof ReportRejectedError && /DTD|DOCTYPE|entity/i.test(error.message));
  });

  it('rejects a billion-laughs document quickly', () => {
    const entities = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i} "${i === 0 ? 'lol' : `&l${i - 1};`.repeat(10)}">`).join('');
    const bomb = Buffer.from(`<?xml version="1.0"?><!DOCTYPE r [${entities}]><NessusClientData_v2>&l9;</NessusClientData_v2>`);
    const started = Date.now();
    assert.throws(() => parseReport(bomb), ReportRejectedError);
    assert.ok(Date.now() - started < 500);
  });

  it('rejects XXE in every XML format', () => {
    const xxe = Buffer.from('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>');
    for (const format of XML_FORMATS) {
      assert.throws(() => parseReport(xxe, { toolHint: format }), (error: unknown) => error instanceof ReportRejectedError && error.code === 'xml_dtd_rejected', format);
    }
  });

  it('rejects billion laughs in every XML format quickly', () => {
    const entities = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i} "${i === 0 ? 'lol' : `&l${i - 1};`.repeat(10)}">`).join('');
    const bomb = Buffer.from(`<?xml version="1.0"?><!DOCTYPE r [${entities}]><r>&l9;</r>`);
    for (const format of XML_FORMATS) {
      const started = performance.now();
      assert.throws(() => parseReport(bomb, { toolHint: format }), (error: unknown) => error instanceof ReportRejectedError && error.code === 'xml_dtd_rejected', format);
      assert.ok(performance.now() - started < QUICK_MS, `${format} took ${Math.round(performance.now() - started)} ms`);
    }
  });

  // JSON Lines formats skip a line that nests too deep with a warning, and
  // reject the report when no line is left. Every other format rejects it.
  it('rejects 100-level-deep JSON in every format quickly', () => {
    const documents = ['['.repeat(100) + ']'.repeat(100), '{"a":'.repeat(100) + '1' + '}'.repeat(100)];
    for (const format of supportedFormats()) {
      for (const document of documents) {
        const label = `${format} on ${document.slice(0, 6)}…`;
        const started = performance.now();
        let result: ParsedReport | null = null;
        try {
          result = parseReport(Buffer.from(document), { toolHint: format });
        } catch (error) {
          assert.ok(error instanceof ReportRejectedError, `${label}: threw ${String(error)}`);
        }
        assert.ok(performance.now() - started < QUICK_MS, `${label} took ${Math.round(performance.now() - started)} ms`);
        if (result !== null) {
          const warnings = result.warnings.map((warning) => warning.message);
          assert.equal(result.findings.length, 0, label);
          assert.ok(warnings.some((message) => message.includes('deeper than 64 levels')), `${label}: ${warnings.join('; ')}`);
        }
      }
    }
  });

  it('keeps prototype keys inert', () => {
    const polluted = Buffer.from('{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","__proto__":{"polluted":1}}},"results":[{"message":{"text":"m"},"__proto__":{"isAdmin":true},"constructor":{"prototype":{"evil":1}}}]}]}');
    parseReport(polluted);
    assert.equal(({} as Record<string, unknown>)['isAdmin'], undefined);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(({} as Record<string, unknown>)['evil'], undefined);
  });

  it('survives truncation anywhere', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.double({ min: 0, max: 1, noNaN: true }), (sample, fraction) => {
        const cut = sample.bytes.subarray(0, Math.floor(sample.bytes.length * fraction));
        expectDomainOutcome(cut, `${sample.folder}/${sample.file} cut at ${cut.length}`);
      }),
      { numRuns: 300 },
    );
  });

  it('survives corrupted bytes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }), (sample, edits) => {
        const bytes = Buffer.from(sample.bytes);
        for (const [position, value] of edits) bytes[position % bytes.length] = value;
        expectDomainOutcome(bytes, `${sample.folder}/${sample.file} with ${edits.length} bytes changed`);
      }),
      { numRuns: 300 },
    );
  });

  it('survives random JSON values in place of records', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES.filter((s) => s.bytes[0] === 0x7b || s.bytes[0] === 0x5b)), fc.jsonValue({ maxDepth: 6 }), (sample, value) => {
        const text = sample.bytes.toString('utf8');
        const replaced = text.replace(/\{[^{}]{1,200}\}/, JSON.stringify(value));
        expectDomainOutcome(Buffer.from(replaced), `${sample.folder}/${sample.file} with a random value`);
      }),
      { numRuns: 300 },
    );
  });

  it('handles a byte-order mark and invalid UTF-8 by rule', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"version":"2.1.0","runs":[]}')]);
    assert.equal(parseReport(bom).format, 'sarif');
    const invalid = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    assert.throws(() => parseReport(invalid), (error: unknown) => error instanceof ReportRejectedError && error.code === 'invalid_utf8' && error.location === 'byte 2');
  });
});
