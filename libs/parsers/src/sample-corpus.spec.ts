import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ReportRejectedError } from '@sieve/domain';
import { readSample, sampleFiles, samplesDir } from '@sieve/testing';
import { parseReport } from './format-registry.js';
import { formatOfSample } from './testing/sample-formats.js';

interface Rejection {
  code: string;
  message: RegExp;
  /** Outcome with the format named, as --tool does: the finding count, or a rejection message. */
  withTool: number | RegExp;
}

const UNKNOWN = /valid JSON, but not a report of any supported format .*pass --tool/;
const EMPTY = /file is empty \(0 bytes\)/;

// Samples that format detection rejects. An empty array, `null` or an empty
// file names no tool, so only --tool reads them. npm's error output is an
// error of the tool. An empty osv-scanner file is what a failed run leaves,
// so it stays rejected with --tool as well.
const REJECTED = new Map<string, Rejection>([
  ['github-code-scanning-alerts/gh-code-scanning-rest_zero.json', { code: 'unknown_format', message: UNKNOWN, withTool: 0 }],
  ['gitleaks-json/gitleaks-8_empty.json', { code: 'unknown_format', message: UNKNOWN, withTool: 0 }],
  ['gitleaks-json/gitleaks_no-findings_literal-null.json', { code: 'unknown_format', message: UNKNOWN, withTool: 0 }],
  ['prowler-ocsf-json/prowler_ocsf_empty.json', { code: 'unknown_format', message: UNKNOWN, withTool: 0 }],
  ['nuclei/nuclei_empty.jsonl', { code: 'empty_report', message: EMPTY, withTool: 0 }],
  ['osv-scanner-json/osv-scanner_no-findings_zero-byte.json', { code: 'empty_report', message: EMPTY, withTool: /report is empty \(0 bytes\)/ }],
  ['npm-audit-json/npm-audit_error-ENOAUDIT.json', { code: 'tool_error', message: /npm audit failed with error ENOAUDIT/, withTool: /ENOAUDIT/ }],
]);

function sampleFolders(): string[] {
  return readdirSync(samplesDir())
    .filter((name) => statSync(join(samplesDir(), name)).isDirectory())
    .sort();
}

function rejectionOf(run: () => unknown): ReportRejectedError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ReportRejectedError, `expected ReportRejectedError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the report to be rejected');
}

describe('sample corpus', () => {
  for (const folder of sampleFolders()) {
    for (const file of sampleFiles(folder)) {
      const name = `${folder}/${file}`;
      const format = formatOfSample(folder, file);
      const rejection = REJECTED.get(name);

      it(`knows the format of ${name}`, () => {
        assert.notEqual(format, null, `no format listed for sample folder ${folder}`);
      });

      if (rejection === undefined) {
        it(`parses ${name}`, () => {
          const result = parseReport(readSample(folder, file), { sourceName: file });
          assert.equal(result.format, format);
        });
        continue;
      }

      it(`rejects ${name}`, () => {
        const error = rejectionOf(() => parseReport(readSample(folder, file), { sourceName: file }));
        assert.equal(error.code, rejection.code);
        assert.match(error.message, rejection.message);
      });

      it(`reads ${name} with --tool`, () => {
        const run = () => parseReport(readSample(folder, file), { toolHint: format, sourceName: file });
        if (typeof rejection.withTool === 'number') {
          assert.equal(run().findings.length, rejection.withTool);
        } else {
          assert.match(rejectionOf(run).message, rejection.withTool);
        }
      });
    }
  }

  it('lists only samples that exist', () => {
    for (const name of REJECTED.keys()) {
      const [folder, file] = name.split('/') as [string, string];
      assert.ok(sampleFiles(folder).includes(file), `${name} is not in the sample corpus`);
    }
  });
});
