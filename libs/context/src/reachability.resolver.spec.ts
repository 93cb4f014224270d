import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reachabilityOf, type ReachabilityQuery } from './reachability.resolver.js';
import type { RuntimeObservations } from './runtime-observations.model.js';

const WINDOW = { from: '2025-06-01T00:00:00Z', to: '2025-06-08T00:00:00Z' };

function observations(fields: Partial<RuntimeObservations>): RuntimeObservations {
  return { service: 'payments-api', sensor: null, window: WINDOW, ecosystems: ['npm'], packages: [], functions: [], source: 'runtime:payments.json', ...fields };
}

const lodashLoaded = observations({ packages: [{ purl: 'pkg:npm/lodash@4.17.20', identity: 'pkg:npm/lodash', version: '4.17.20', loaded: true }] });
const expressOnly = observations({ packages: [{ purl: 'pkg:npm/express@4.18.2', identity: 'pkg:npm/express', version: '4.18.2', loaded: true }] });

const lodash: ReachabilityQuery = {
  purl: 'pkg:npm/lodash@4.17.20',
  vulnerabilityIds: ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm'],
  observations: [],
};

function templateWatch(called: boolean): RuntimeObservations {
  return observations({
    functions: [{ purl: 'pkg:npm/lodash@4.17.20', identity: 'pkg:npm/lodash', version: '4.17.20', symbol: 'template', vulnerabilityIds: ['CVE-2021-23337'], called }],
  });
}

describe('reachabilityOf', () => {
  it('is unknown without evidence', () => {
    assert.deepEqual(reachabilityOf(lodash), { state: 'unknown', source: null, reason: 'no reachability evidence' });
  });

  it('is reachable when loaded', () => {
    assert.deepEqual(reachabilityOf({ ...lodash, observations: [lodashLoaded] }), {
      state: 'reachable',
      source: 'runtime:payments.json',
      reason: 'package loaded at runtime',
    });
  });

  it('is unreachable when not seen', () => {
    assert.deepEqual(reachabilityOf({ ...lodash, observations: [expressOnly] }), {
      state: 'unreachable',
      source: 'runtime:payments.json',
      reason: 'package not loaded at runtime between 2025-06-01T00:00:00Z and 2025-06-08T00:00:00Z',
    });
  });

  it('is unreachable when listed unloaded', () => {
    const unloaded = observations({ packages: [{ ...lodashLoaded.packages[0]!, loaded: false }] });
    assert.equal(reachabilityOf({ ...lodash, observations: [unloaded] }).state, 'unreachable');
  });

  it('is unknown outside the watched ecosystems', () => {
    assert.equal(reachabilityOf({ ...lodash, purl: 'pkg:deb/debian/openssl@3.0.11', observations: [expressOnly] }).state, 'unknown');
  });

  it('is unreachable for another loaded version', () => {
    assert.equal(reachabilityOf({ ...lodash, purl: 'pkg:npm/lodash@4.17.15', observations: [lodashLoaded] }).state, 'unreachable');
  });

  it('matches a purl without version', () => {
    assert.equal(reachabilityOf({ ...lodash, purl: 'pkg:npm/lodash', observations: [lodashLoaded] }).state, 'reachable');
  });

  it('is loaded in any observation', () => {
    assert.equal(reachabilityOf({ ...lodash, observations: [expressOnly, lodashLoaded] }).state, 'reachable');
  });

  it('follows VEX code_not_reachable', () => {
    assert.deepEqual(reachabilityOf({ ...lodash, observations: [lodashLoaded], vexJustification: 'code_not_reachable' }), {
      state: 'unreachable',
      source: 'vex:code_not_reachable',
      reason: 'VEX: vulnerable code not reachable',
    });
  });

  it('follows VEX requires_dependency', () => {
    assert.equal(reachabilityOf({ ...lodash, vexJustification: 'requires_dependency' }).state, 'unreachable');
  });

  it('follows the OpenVEX wording', () => {
    assert.equal(reachabilityOf({ ...lodash, vexJustification: 'vulnerable_code_not_in_execute_path' }).state, 'unreachable');
  });

  it('ignores mitigation justifications', () => {
    assert.equal(reachabilityOf({ ...lodash, vexJustification: 'protected_at_perimeter' }).state, 'unknown');
  });

  it('is reachable when the function ran', () => {
    const result = reachabilityOf({ ...lodash, observations: [templateWatch(true)], vexJustification: 'code_not_reachable' });
    assert.deepEqual(result, { state: 'reachable', source: 'runtime:payments.json', reason: 'vulnerable function template called at runtime' });
  });

  it('is unreachable when the function never ran', () => {
    const result = reachabilityOf({ ...lodash, observations: [lodashLoaded, templateWatch(false)] });
    assert.equal(result.state, 'unreachable');
    assert.equal(result.reason, 'vulnerable function template not called at runtime between 2025-06-01T00:00:00Z and 2025-06-08T00:00:00Z');
  });

  it('takes a called function as proof the package loaded', () => {
    const otherAdvisory = { ...lodash, vulnerabilityIds: ['CVE-2020-8203'] };
    assert.deepEqual(reachabilityOf({ ...otherAdvisory, observations: [templateWatch(true)] }), {
      state: 'reachable',
      source: 'runtime:payments.json',
      reason: 'package loaded at runtime',
    });
  });

  it('ignores functions of other advisories', () => {
    const result = reachabilityOf({ ...lodash, vulnerabilityIds: ['CVE-2020-8203'], observations: [lodashLoaded, templateWatch(false)] });
    assert.equal(result.state, 'reachable');
  });

  it('uses the scanner hint last', () => {
    const hint = { reachable: false, source: 'govulncheck' };
    assert.deepEqual(reachabilityOf({ ...lodash, scannerHint: hint }), { state: 'unreachable', source: 'govulncheck', reason: 'not reachable according to govulncheck' });
    assert.equal(reachabilityOf({ ...lodash, scannerHint: hint, observations: [lodashLoaded] }).state, 'reachable');
  });

  it('is unknown without a package', () => {
    assert.equal(reachabilityOf({ ...lodash, purl: null, observations: [expressOnly] }).state, 'unknown');
  });
});
