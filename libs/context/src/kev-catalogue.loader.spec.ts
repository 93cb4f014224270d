import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { kevCataloguePath } from '@sieve/testing';
import { ContextSourceError } from './context-source.error.js';
import { loadKevCatalogue } from './kev-catalogue.loader.js';

// Named explicitly because the schema file, also JSON, sits in the same folder.
const KEV_FOLDER = dirname(kevCataloguePath());
const CATALOGUE_PATH = join(KEV_FOLDER, 'known_exploited_vulnerabilities.json');
const SCHEMA_PATH = join(KEV_FOLDER, 'known_exploited_vulnerabilities_schema.json');

interface RawCatalogue {
  catalogVersion: string;
  count: number;
  vulnerabilities: unknown[];
}

function entry(cveID: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cveID,
    vendorProject: 'Apache',
    product: 'Log4j2',
    dateAdded: '2021-12-10',
    dueDate: '2021-12-24',
    knownRansomwareCampaignUse: 'Known',
    ...overrides,
  };
}

describe('loadKevCatalogue on the CISA catalogue', () => {
  const raw = JSON.parse(readFileSync(CATALOGUE_PATH, 'utf8')) as RawCatalogue;
  const loaded = loadKevCatalogue(CATALOGUE_PATH);

  it('loads every listed vulnerability', () => {
    assert.equal(loaded.intel.length, raw.count);
    assert.equal(loaded.intel.length, raw.vulnerabilities.length);
  });

  it('gives no warnings', () => {
    assert.deepEqual(loaded.warnings, []);
  });

  it('contains Log4Shell', () => {
    const log4shell = loaded.intel.find((intel) => intel.vulnerabilityId === 'CVE-2021-44228');
    assert.equal(log4shell?.kev?.dateAdded, '2021-12-10');
    assert.equal(log4shell?.kev?.knownRansomwareUse, true);
    assert.equal(log4shell?.kev?.vendor, 'Apache');
  });

  it('names the catalogue version in the source', () => {
    assert.equal(loaded.catalogVersion, raw.catalogVersion);
    assert.equal(loaded.intel[0]?.source, `cisa-kev:${raw.catalogVersion}`);
  });

  it('rejects the schema file', () => {
    assert.throws(
      () => loadKevCatalogue(SCHEMA_PATH),
      (error: unknown) => error instanceof ContextSourceError && error.code === 'not_kev_catalogue' && error.message.includes(SCHEMA_PATH),
    );
  });
});

describe('loadKevCatalogue on written files', () => {
  let folder: string;

  function writeCatalogue(name: string, content: unknown): string {
    const path = join(folder, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  }

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sieve-context-kev-'));
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('maps the fields of an entry', () => {
    const path = writeCatalogue('one.json', {
      catalogVersion: '2025.01.01',
      dateReleased: '2025-01-01T10:00:00.000Z',
      count: 1,
      vulnerabilities: [entry('CVE-2021-44228', { knownRansomwareCampaignUse: 'Unknown' })],
    });
    const intel = loadKevCatalogue(path).intel[0];
    assert.deepEqual(intel?.kev, {
      dateAdded: '2021-12-10',
      dueDate: '2021-12-24',
      knownRansomwareUse: false,
      vendor: 'Apache',
      product: 'Log4j2',
    });
    assert.equal(intel?.epss, null);
    assert.equal(intel?.updatedAt, Date.parse('2025-01-01T10:00:00.000Z'));
  });

  it('skips an invalid entry', () => {
    const path = writeCatalogue('bad-entry.json', {
      catalogVersion: '2025.01.01',
      dateReleased: '2025-01-01T10:00:00.000Z',
      count: 2,
      vulnerabilities: [entry('CVE-2021-44228'), entry('not-a-cve')],
    });
    const loaded = loadKevCatalogue(path);
    assert.equal(loaded.intel.length, 1);
    assert.match(loaded.warnings[0]?.message ?? '', /cveID/);
    assert.equal(loaded.warnings[0]?.location, `${path}#/vulnerabilities/1`);
  });

  it('skips a repeated CVE', () => {
    const path = writeCatalogue('repeated.json', {
      catalogVersion: '2025.01.01',
      dateReleased: '2025-01-01T10:00:00.000Z',
      count: 2,
      vulnerabilities: [entry('CVE-2021-44228'), entry('CVE-2021-44228')],
    });
    const loaded = loadKevCatalogue(path);
    assert.equal(loaded.intel.length, 1);
    assert.match(loaded.warnings[0]?.message ?? '', /more than once/);
  });

  it('warns when count disagrees', () => {
    const path = writeCatalogue('miscounted.json', {
      catalogVersion: '2025.01.01',
      dateReleased: '2025-01-01T10:00:00.000Z',
      count: 5,
      vulnerabilities: [entry('CVE-2021-44228')],
    });
    assert.match(loadKevCatalogue(path).warnings[0]?.message ?? '', /count is 5/);
  });

  it('rejects invalid JSON', () => {
    const path = writeCatalogue('truncated.json', '{"catalogVersion": "2025');
    assert.throws(() => loadKevCatalogue(path), (error: unknown) => error instanceof ContextSourceError && error.code === 'invalid_json');
  });

  it('rejects a JSON array', () => {
    const path = writeCatalogue('array.json', [entry('CVE-2021-44228')]);
    assert.throws(() => loadKevCatalogue(path), /is not a CISA KEV catalogue/);
  });

  it('rejects a missing file', () => {
    assert.throws(() => loadKevCatalogue(join(folder, 'missing.json')), (error: unknown) => error instanceof ContextSourceError && error.code === 'not_found');
  });
});
