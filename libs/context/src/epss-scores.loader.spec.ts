import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { ContextSourceError } from './context-source.error.js';
import { loadEpssScores, type EpssLoadResult } from './epss-scores.loader.js';

const EPSS_CSV = [
  '#model_version:v2025.03.14,score_date:2025-06-01T00:00:00+0000',
  'cve,epss,percentile',
  'CVE-2021-44228,0.94358,0.99957',
  'CVE-2023-0001,0.00042,0.10212',
  'CVE-2024-0002,0,0.00001',
  'cve-2024-0003,0.5,0.98',
  'CVE-2024-0004,1.5,0.9',
  'CVE-2024-0005,abc,0.9',
  'CVE-2024-0006,0.1',
  'GHSA-xxxx,0.1,0.2',
  'CVE-2021-44228,0.9,0.9',
  '',
].join('\r\n');

describe('loadEpssScores', () => {
  let folder: string;
  let loaded: EpssLoadResult;
  const score = (id: string) => loaded.intel.find((intel) => intel.vulnerabilityId === id);
  const path = () => join(folder, 'epss_scores-2025-06-01.csv');

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sieve-epss-'));
    writeFileSync(path(), EPSS_CSV);
    loaded = loadEpssScores(path());
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('reads the model and date', () => {
    assert.equal(loaded.modelVersion, 'v2025.03.14');
    assert.equal(loaded.scoreDate, '2025-06-01');
  });

  it('reads probability and percentile', () => {
    assert.deepEqual(score('CVE-2021-44228')?.epss, { probability: 0.94358, percentile: 0.99957, scoreDate: '2025-06-01' });
  });

  it('sets source, time and no KEV', () => {
    const log4shell = score('CVE-2021-44228');
    assert.equal(log4shell?.source, 'epss:2025-06-01');
    assert.equal(log4shell?.updatedAt, Date.UTC(2025, 5, 1));
    assert.equal(log4shell?.kev, null);
  });

  it('keeps a score of 0', () => {
    assert.equal(score('CVE-2024-0002')?.epss?.probability, 0);
  });

  it('leaves unscored CVEs absent', () => {
    assert.equal(score('CVE-1999-0001'), undefined);
  });

  it('upper-cases ids', () => {
    assert.equal(score('CVE-2024-0003')?.epss?.probability, 0.5);
  });

  it('loads only valid rows', () => {
    assert.deepEqual(
      loaded.intel.map((intel) => intel.vulnerabilityId),
      ['CVE-2021-44228', 'CVE-2023-0001', 'CVE-2024-0002', 'CVE-2024-0003'],
    );
  });

  it('warns about each bad row', () => {
    const messages = loaded.warnings.map((warning) => `${(warning.location ?? '').slice(path().length)} ${warning.message}`);
    assert.deepEqual(messages, [
      ':7 EPSS row skipped: epss "1.5" of CVE-2024-0004 is not a number from 0 to 1',
      ':8 EPSS row skipped: epss "abc" of CVE-2024-0005 is not a number from 0 to 1',
      ':9 EPSS row skipped: expected 3 fields, found 2',
      ':10 EPSS row skipped: "GHSA-xxxx" is not a CVE id',
      ':11 EPSS row skipped: CVE-2021-44228 is listed more than once',
    ]);
  });

  it('reads a gzip file', () => {
    const gzipped = join(folder, 'epss.csv.gz');
    writeFileSync(gzipped, gzipSync(EPSS_CSV));
    assert.equal(loadEpssScores(gzipped).intel.length, 4);
  });
});

describe('loadEpssScores rejection', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sieve-epss-bad-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const rejection = (text: string | Buffer): ContextSourceError => {
    const path = join(folder, `file-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(path, text);
    try {
      loadEpssScores(path);
    } catch (error) {
      assert.ok(error instanceof ContextSourceError);
      return error;
    }
    assert.fail('file was accepted');
  };

  it('rejects a CSV without the comment line', () => {
    const error = rejection('cve,epss,percentile\nCVE-2021-44228,0.9,0.9\n');
    assert.equal(error.code, 'not_epss_csv');
    assert.match(error.message, /is not an EPSS CSV from FIRST: line 1 must be "#model_version:/);
  });

  it('rejects a wrong header', () => {
    const error = rejection('#model_version:v2025.03.14,score_date:2025-06-01T00:00:00+0000\ncve,score\n');
    assert.match(error.message, /line 2 must be the header "cve,epss,percentile", found "cve,score"/);
  });

  it('rejects a KEV JSON file', () => {
    assert.equal(rejection('{"catalogVersion":"2025.06.01","vulnerabilities":[]}').code, 'not_epss_csv');
  });

  it('rejects an impossible date', () => {
    assert.match(rejection('#model_version:v1,score_date:2025-13-45\ncve,epss,percentile\n').message, /score_date 2025-13-45 is not a calendar date/);
  });

  it('rejects broken gzip', () => {
    assert.equal(rejection(Buffer.from([0x1f, 0x8b, 0x00, 0x01])).code, 'not_text');
  });

  it('rejects a missing file', () => {
    assert.throws(() => loadEpssScores(join(folder, 'absent.csv')), (error: ContextSourceError) => error.code === 'not_found');
  });
});
