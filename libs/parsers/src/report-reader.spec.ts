import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, sampleFiles, samplesDir } from '@sieve/testing';
import { parseReport } from './format-registry.js';
import { HEAD_BYTES, readReport, reportInMemory, type ReportBytes } from './report-reader.js';
import { MAX_DOCUMENT_BYTES } from './report-input.js';

const STREAMED_FOLDERS = ['sarif', 'trivy-json'];

async function drained(bytes: ReportBytes, streamAbove: number) {
  const opened = await readReport(bytes, { streamAbove });
  const findings = [];
  for await (const finding of opened.findings) findings.push(finding);
  return { opened, findings, summary: opened.findings.summary };
}

/** Gives a report a size it does not have, to reach the size rules without writing hundreds of megabytes. */
function claimedSize(bytes: Buffer, size: number): ReportBytes {
  return { ...reportInMemory(bytes), size };
}

function parsesWhole(bytes: Buffer): boolean {
  try {
    parseReport(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('readReport', () => {
  for (const folder of STREAMED_FOLDERS) {
    it(`streams ${folder} samples like a whole read`, async () => {
      let compared = 0;
      for (const file of sampleFiles(folder)) {
        const bytes = readSample(folder, file);
        if (!parsesWhole(bytes)) continue;
        const whole = parseReport(bytes);
        const { opened, findings, summary } = await drained(reportInMemory(bytes), 0);
        assert.equal(opened.streamed, true, `${file} was not streamed`);
        assert.equal(opened.format, whole.format, file);
        assert.deepEqual(findings, whole.findings, file);
        assert.equal(summary.assetName, whole.assetName, file);
        assert.equal(summary.complete, whole.complete, file);
        assert.deepEqual(summary.warnings, whole.warnings, file);
        compared++;
      }
      assert.ok(compared >= 3, `only ${compared} ${folder} samples compared`);
    });
  }

  it('detects streamed formats from the head', async () => {
    const heads = new Map<string, string[]>();
    for (const folder of readdirSync(samplesDir(), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)) {
      for (const file of sampleFiles(folder)) {
        const bytes = readSample(folder, file);
        if (!parsesWhole(bytes)) continue;
        const format = parseReport(bytes).format;
        const expected = format === 'sarif' || format === 'trivy' ? format : null;
        heads.set(`${folder}/${file}`, [expected ?? 'none']);
      }
    }
    assert.ok(heads.size > 100, `only ${heads.size} samples parsed`);
    await Promise.all(
      [...heads].map(async ([name, [expected]]) => {
        const [folder, file] = name.split('/') as [string, string];
        const bytes = readSample(folder, file);
        // Anything over the threshold is read by head detection; claim a size past it.
        const large = claimedSize(bytes, MAX_DOCUMENT_BYTES + 1);
        try {
          const opened = await readReport(large, { streamAbove: 0 });
          assert.equal(opened.format, expected, `${name} detected as ${opened.format}`);
        } catch (error) {
          assert.ok(error instanceof ReportRejectedError, `${name}: ${String(error)}`);
          assert.equal(error.code, 'too_large', name);
          assert.equal(expected, 'none', `${name} was not detected from its start`);
        }
      }),
    );
  });

  it('reads a small report whole', async () => {
    const bytes = readSample('sarif', sampleFiles('sarif')[0]!);
    const opened = await readReport(reportInMemory(bytes));
    assert.equal(opened.streamed, false);
  });

  it('rejects an oversized unstreamable report', async () => {
    const gitleaks = readSample('gitleaks-json', sampleFiles('gitleaks-json')[0]!);
    await assert.rejects(
      readReport(claimedSize(gitleaks, MAX_DOCUMENT_BYTES + 1)),
      (error: ReportRejectedError) =>
        error.code === 'too_large' && error.message.includes(`${MAX_DOCUMENT_BYTES}-byte limit`) && error.message.includes('streamed formats: sarif, trivy'),
    );
    await assert.rejects(
      readReport(claimedSize(gitleaks, MAX_DOCUMENT_BYTES + 1), { toolHint: 'gitleaks' }),
      (error: ReportRejectedError) => error.code === 'too_large' && error.message.includes('--tool gitleaks has no streaming parser'),
    );
    await assert.rejects(readReport(claimedSize(gitleaks, MAX_DOCUMENT_BYTES + 1), { toolHint: 'no-such-tool' }), (error: ReportRejectedError) => error.code === 'unknown_tool');
  });

  it('limits a stored copy by received size', async () => {
    // A redacted copy grows past the limit while the report as received stays under it.
    const stored = Buffer.alloc(MAX_DOCUMENT_BYTES + 1);
    await assert.rejects(readReport(claimedSize(stored, 1000), { toolHint: 'gitleaks' }), (error: ReportRejectedError) => {
      assert.equal(error.code, 'binary_content');
      return true;
    });
  });

  it('reads a large unstreamable report whole', async () => {
    const gitleaks = readSample('gitleaks-json', sampleFiles('gitleaks-json')[0]!);
    const opened = await readReport(claimedSize(gitleaks, HEAD_BYTES * 2), { streamAbove: HEAD_BYTES });
    assert.equal(opened.streamed, false);
    assert.equal(opened.format, 'gitleaks');
  });

  it('keeps findings read before a break', async () => {
    const secret = 'api_key = sieve-test-invented-value-4f2c9e1a';
    const report = {
      SchemaVersion: 2,
      Trivy: { Version: '0.58.1' },
      ArtifactName: 'payments-api',
      ArtifactType: 'filesystem',
      Metadata: {},
      Results: [
        { Target: 'config/settings.py', Class: 'secret', Secrets: [{ RuleID: 'generic-api-key', Severity: 'HIGH', Title: 'API key', StartLine: 3, EndLine: 3, Match: secret }] },
        { Target: 'package-lock.json', Class: 'lang-pkgs', Type: 'npm', Vulnerabilities: [{ VulnerabilityID: 'CVE-2021-23337', PkgName: 'lodash', InstalledVersion: '4.17.20', Severity: 'HIGH', Description: 'x'.repeat(3 * 1024 * 1024) }] },
      ],
    };
    const text = JSON.stringify(report);
    // Past the scanner's first chunks, so the secret's result has been handed on before the break.
    const cut = Buffer.from(text.slice(0, text.length - 100));
    const opened = await readReport(reportInMemory(cut), { streamAbove: 0 });
    const findings: ParsedFinding[] = [];
    await assert.rejects(async () => {
      for await (const finding of opened.findings) findings.push(finding);
    }, (error: ReportRejectedError) => error.code === 'truncated_json' || error.code === 'invalid_json');
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.category, 'secret');
    assert.deepEqual(opened.findings.secretValues, [secret]);
    assert.equal(opened.findings.assetName, 'payments-api');
  });
});
