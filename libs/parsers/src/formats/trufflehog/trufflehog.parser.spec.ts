import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportRejectedError, redactSecrets, secretRef } from '@sieve/domain';
import { readSample, sampleFiles } from '@sieve/testing';
import { detectFormat, parseReport } from '../../format-registry.js';
import { ReportInput } from '../../report-input.js';
import { trufflehogFormat } from './trufflehog.parser.js';

interface SourceJson {
  file: string;
  line: number;
  repository: string;
  commit: string;
  link?: string;
}

interface TrufflehogJson {
  SourceMetadata: { Data: Record<string, SourceJson> };
  DetectorName?: string;
  Verified: boolean;
  Raw: string;
  Redacted: string;
}

const FOLDER = 'trufflehog-jsonl';
const GIT = 'trufflehog-v3_git_4-results.jsonl';
const GITHUB = 'trufflehog-v3_github_4-results.jsonl';

const OTHER_FORMATS: Array<[string, string]> = [
  ['sarif', 'gitleaks-7.4.0_defectdojo-repo.sarif'],
  ['cyclonedx-json', 'cdx-1.5_trivy_pom_2-vulns.json'],
  ['trivy-json', 'trivy-legacy-array_debian-10.8_93-vulns.json'],
  ['grype-json', 'grype-0.28.0_image_all-fields_6-matches.json'],
  ['semgrep-json', 'semgrep-1.30.0_go_5-findings.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
];

function sampleLines(file: string): string[] {
  return readSample(FOLDER, file)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0);
}

function sampleRecords(file: string): TrufflehogJson[] {
  return sampleLines(file).map((line) => JSON.parse(line) as TrufflehogJson);
}

function recordAt(records: TrufflehogJson[], index: number): TrufflehogJson {
  const record = records[index];
  assert.ok(record !== undefined);
  return record;
}

function sourceOf(record: TrufflehogJson): SourceJson {
  const source = Object.values(record.SourceMetadata.Data)[0];
  assert.ok(source !== undefined);
  return source;
}

function decoded(record: TrufflehogJson): string {
  return Buffer.from(record.Raw, 'base64').toString('utf8');
}

function parseSample(file: string) {
  return trufflehogFormat.parse(new ReportInput(readSample(FOLDER, file)));
}

function parseLines(lines: unknown[]) {
  const text = lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');
  return trufflehogFormat.parse(new ReportInput(Buffer.from(text)));
}

describe('trufflehogFormat.detect', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`detects ${file}`, () => {
      assert.equal(trufflehogFormat.detect(new ReportInput(readSample(FOLDER, file))), true);
    });

    it(`registry picks trufflehog for ${file}`, () => {
      assert.equal(detectFormat(new ReportInput(readSample(FOLDER, file)))?.id, 'trufflehog');
    });
  }

  it('detects results after log lines', () => {
    const log = { level: 'info-0', ts: '2024-01-01T00:00:00Z', logger: 'trufflehog', msg: 'running source' };
    const text = [JSON.stringify(log), ...sampleLines(GIT)].join('\n');
    assert.equal(trufflehogFormat.detect(new ReportInput(Buffer.from(text))), true);
  });

  it('detects a single result', () => {
    assert.equal(trufflehogFormat.detect(new ReportInput(Buffer.from(sampleLines(GIT)[0] ?? ''))), true);
  });

  it('leaves an empty file undetected', () => {
    assert.equal(trufflehogFormat.detect(new ReportInput(Buffer.alloc(0))), false);
  });

  for (const [folder, file] of OTHER_FORMATS) {
    it(`ignores ${folder}/${file}`, () => {
      assert.equal(trufflehogFormat.detect(new ReportInput(readSample(folder, file))), false);
    });
  }
});

describe('trufflehogFormat.parse counts', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`finds every line of ${file}`, () => {
      const parsed = parseSample(file);

      assert.equal(parsed.findings.length, sampleLines(file).length);
      assert.equal(parsed.complete, true);
      assert.deepEqual(parsed.warnings, []);
    });
  }

  it('reads an empty file as zero findings with --tool', () => {
    const parsed = parseReport(Buffer.alloc(0), { toolHint: 'trufflehog' });
    assert.equal(parsed.findings.length, 0);
    assert.equal(parsed.complete, true);
  });

  it('rejects an empty file without --tool', () => {
    assert.throws(() => parseReport(Buffer.alloc(0)), (error: unknown) => error instanceof ReportRejectedError && error.code === 'empty_report');
  });
});

describe('trufflehogFormat.parse git source', () => {
  const record = recordAt(sampleRecords(GIT), 0);
  const source = sourceOf(record);
  const finding = parseSample(GIT).findings[0];

  it('reads detector and location', () => {
    assert.equal(finding?.ruleId, record.DetectorName);
    assert.equal(finding?.category, 'secret');
    assert.equal(finding?.location.path, source.file);
    assert.equal(finding?.location.startLine, source.line);
    assert.equal(finding?.sourcePointer, 'line 1');
  });

  it('leaves severity unknown', () => {
    assert.equal(finding?.severity, 'unknown');
    assert.equal(finding?.toolSeverity, null);
  });

  it('hashes the decoded Raw', () => {
    assert.notEqual(decoded(record), record.Raw);
    assert.deepEqual(finding?.secret, secretRef(decoded(record)));
  });

  it('puts Verified in the description', () => {
    assert.equal(record.Verified, true);
    assert.ok(finding?.description?.includes('Verified: yes'));
  });

  it('keeps the commit out of the title', () => {
    assert.equal(finding?.title.includes(source.commit), false);
    assert.ok(finding?.description?.includes(source.commit));
  });

  it('names the repository as asset', () => {
    assert.equal(parseSample(GIT).assetName, source.repository);
  });

  it('gives one hash for one secret', () => {
    const records = sampleRecords(GIT);
    const findings = parseSample(GIT).findings;
    assert.equal(recordAt(records, 1).Raw, recordAt(records, 3).Raw);
    assert.deepEqual(findings[1]?.secret, findings[3]?.secret);
  });
});

describe('trufflehogFormat.parse github source', () => {
  const record = recordAt(sampleRecords(GITHUB), 0);
  const source = sourceOf(record);
  const finding = parseSample(GITHUB).findings[0];

  it('reads the Github metadata', () => {
    assert.equal(finding?.location.path, source.file);
    assert.equal(finding?.location.startLine, source.line);
    assert.deepEqual(finding?.references, [source.link]);
  });

  it('names the repository without .git', () => {
    assert.equal(source.repository.endsWith('.git'), true);
    assert.equal(parseSample(GITHUB).assetName, source.repository.slice(0, -'.git'.length));
  });

  it('hashes the secret as the git source does', () => {
    assert.deepEqual(finding?.secret, parseSample(GIT).findings[0]?.secret);
  });
});

describe('trufflehogFormat.parse secrets', () => {
  for (const file of sampleFiles(FOLDER)) {
    it(`keeps no secret of ${file}`, () => {
      const parsed = parseSample(file);
      const output = JSON.stringify(parsed.findings) + JSON.stringify(parsed.warnings);
      for (const record of sampleRecords(file)) {
        assert.equal(output.includes(record.Raw), false, 'base64 Raw found in the output');
        assert.equal(output.includes(decoded(record)), false, 'decoded Raw found in the output');
        assert.equal(output.includes(JSON.stringify(decoded(record)).slice(1, -1)), false, 'escaped Raw found in the output');
      }
    });

    it(`redacts every form in the stored copy of ${file}`, () => {
      const text = readSample(FOLDER, file).toString('utf8');
      const redacted = redactSecrets(text, parseSample(file).secretValues);
      for (const record of sampleRecords(file)) {
        assert.equal(redacted.includes(record.Raw), false, 'base64 Raw left in the stored copy');
        assert.equal(redacted.includes(JSON.stringify(decoded(record)).slice(1, -1)), false, 'decoded Raw left in the stored copy');
      }
    });
  }

  it('redacts the private key piece in Redacted', () => {
    const records = sampleRecords(GIT);
    const key = records.find((record) => record.DetectorName === 'PrivateKey');
    assert.ok(key !== undefined);
    assert.ok(decoded(key).startsWith(key.Redacted));

    const redacted = redactSecrets(readSample(FOLDER, GIT).toString('utf8'), parseSample(GIT).secretValues);

    assert.equal(redacted.includes(JSON.stringify(key.Redacted).slice(1, -1)), false);
  });

  it('reads a plain Raw like its base64 form', () => {
    const records = sampleRecords(GIT);
    const plain = records.map((record) => ({ ...record, Raw: decoded(record) }));
    assert.deepEqual(
      parseLines(plain).findings.map((finding) => finding.secret),
      parseSample(GIT).findings.map((finding) => finding.secret),
    );
  });

  it('reads the redacted copy of a plain report alike', () => {
    const plain = sampleRecords(GIT)
      .map((record) => JSON.stringify({ ...record, Raw: decoded(record) }))
      .join('\n');
    const original = parseLines([plain]);

    const redacted = parseLines([redactSecrets(plain, original.secretValues)]);

    assert.deepEqual(redacted.findings, original.findings);
    assert.deepEqual(redacted.secretValues, []);
  });

  it('keeps Raw as written beside RawV2', () => {
    const record = { ...recordAt(sampleRecords(GIT), 1), Raw: 'dXNlcjpwYXNzd29yZDEyMw==', RawV2: '', Redacted: '' };
    assert.deepEqual(parseLines([record]).findings[0]?.secret, secretRef('dXNlcjpwYXNzd29yZDEyMw=='));
  });

  it('keeps an AWS key id that is valid base64 as written', () => {
    const record = { ...recordAt(sampleRecords(GIT), 0), Raw: 'AKIAYVP4CIPPERUVIFXG', Redacted: '' };
    assert.deepEqual(parseLines([record]).findings[0]?.secret, secretRef('AKIAYVP4CIPPERUVIFXG'));
  });
});

describe('trufflehogFormat.parse problems', () => {
  it('skips a broken line with a warning', () => {
    const lines: unknown[] = sampleLines(GIT);
    lines[1] = '{"SourceMetadata": {';

    const parsed = parseLines(lines);

    assert.equal(parsed.findings.length, lines.length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === 'line 2'));
    assert.equal(parsed.complete, false);
  });

  it('skips a result without detector', () => {
    const records: unknown[] = sampleRecords(GIT);
    const broken = { ...recordAt(sampleRecords(GIT), 2) };
    Reflect.deleteProperty(broken, 'DetectorName');
    Reflect.deleteProperty(broken, 'DetectorType');
    records[2] = broken;

    const parsed = parseLines(records);

    assert.equal(parsed.findings.length, records.length - 1);
    assert.ok(parsed.warnings.some((warning) => warning.location === 'line 3'));
  });

  it('passes over info log lines', () => {
    const log = { level: 'info-0', msg: 'finished scanning', verified_secrets: 4, unverified_secrets: 0 };
    const parsed = parseLines([...sampleLines(GIT), log]);
    assert.equal(parsed.findings.length, sampleLines(GIT).length);
    assert.deepEqual(parsed.warnings, []);
  });

  it('warns when the summary disagrees', () => {
    const log = { level: 'info-0', msg: 'finished scanning', verified_secrets: 9, unverified_secrets: 1 };
    const lines = [...sampleLines(GIT), log];
    assert.ok(parseLines(lines).warnings.some((warning) => warning.location === `line ${lines.length}`));
  });

  it('rejects error log lines without results', () => {
    const log = { level: 'error', msg: 'unable to clone repository', error: 'repository not found' };
    assert.throws(
      () => parseLines([log]),
      (error: unknown) => error instanceof ReportRejectedError && error.code === 'tool_error' && error.message.includes('repository not found'),
    );
  });

  it('rejects TruffleHog 2 output', () => {
    const legacy = { branch: 'main', commit: 'x', reason: 'High Entropy', stringsFound: ['abc'] };
    assert.throws(() => parseLines([legacy]), (error: unknown) => error instanceof ReportRejectedError && error.code === 'wrong_shape');
  });
});
