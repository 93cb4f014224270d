import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadCatalog, loadEpssScores, loadKevCatalogue, loadRuntimeObservations } from '@sieve/context';
import { DEFAULT_ESTATE, generateEstate } from './generate-estate.js';
import { writeEstate } from './write-estate.js';

const small = { seed: 7, services: 12, findingsPerService: 20 };

describe('generateEstate', () => {
  it('gives the same estate for the same seed', () => {
    assert.deepEqual(generateEstate(small), generateEstate(small));
  });

  it('gives each service the requested findings', () => {
    const estate = generateEstate(small);
    for (const service of estate.services) {
      assert.equal(estate.findings.filter((finding) => finding.service === service.name).length, small.findingsPerService, service.name);
    }
  });

  it('marks exactly the KEV, internet-facing, reachable findings as must fix', () => {
    const estate = generateEstate(DEFAULT_ESTATE);
    const kev = new Set(estate.kev.map((listing) => listing.cve));
    for (const finding of estate.findings) {
      assert.equal(finding.mustFix, kev.has(finding.cve) && finding.exposure === 'internet' && finding.reachable, finding.key);
    }
  });

  it('keeps the default must-fix set to a few percent', () => {
    const estate = generateEstate(DEFAULT_ESTATE);
    const share = estate.findings.filter((finding) => finding.mustFix).length / estate.findings.length;
    assert.ok(share >= 0.01, `must-fix share ${share}`);
    assert.ok(share <= 0.05, `must-fix share ${share}`);
  });

  it('spreads CVSS base scores from 2.0 to 10.0', () => {
    const scores = generateEstate(DEFAULT_ESTATE).findings.map((finding) => finding.baseScore);
    assert.ok(Math.min(...scores) >= 2.0, `lowest ${Math.min(...scores)}`);
    assert.ok(Math.min(...scores) < 4.0, `lowest ${Math.min(...scores)}`);
    assert.ok(Math.max(...scores) >= 9.8, `highest ${Math.max(...scores)}`);
  });
});

describe('writeEstate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sieve-ranking-estate-test-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const estate = generateEstate(small);
  const paths = writeEstate(estate, dir);

  it('writes a KEV catalogue the loader reads without warnings', () => {
    const loaded = loadKevCatalogue(paths.kev);
    assert.deepEqual(loaded.warnings, []);
    assert.equal(loaded.intel.length, estate.kev.length);
  });

  it('writes an EPSS file the loader reads without warnings', () => {
    const loaded = loadEpssScores(paths.epss);
    assert.deepEqual(loaded.warnings, []);
    assert.equal(loaded.intel.length, estate.epss.length);
  });

  it('writes a catalog with each service context', () => {
    const loaded = loadCatalog(paths.catalog);
    assert.deepEqual(loaded.warnings, []);
    for (const service of estate.services) {
      const asset = loaded.assets.find((candidate) => candidate.asset === service.name);
      assert.equal(asset?.exposure, service.exposure, service.name);
      assert.equal(asset?.criticality, service.criticality, service.name);
    }
  });

  it('writes runtime observations the loader reads without warnings', () => {
    const service = estate.services[0]!;
    const loaded = loadRuntimeObservations(join(paths.runtime, `${service.name}.json`));
    assert.deepEqual(loaded.warnings, []);
    assert.equal(loaded.observations.packages.filter((entry) => entry.loaded).length, service.packages.filter((entry) => entry.loaded).length);
  });
});
