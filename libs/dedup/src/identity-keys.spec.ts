import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizedFinding } from './finding.fixture.js';
import { IDENTITY_RULES_VERSION, identityOf } from './identity-keys.js';

function keysOf(overrides: Parameters<typeof normalizedFinding>[0]): string[] {
  return identityOf(normalizedFinding(overrides)).keys.map((key) => key.key);
}

describe('identityOf', () => {
  it('is rules version 3', () => {
    assert.equal(IDENTITY_RULES_VERSION, 3);
  });

  it('folds PyPI name separators', () => {
    const named = (name: string) => keysOf({ category: 'sca', package: { purl: `pkg:pypi/${name}@5.5.2`, ecosystem: 'pypi', name, version: '5.5.2', fixedVersions: [] }, vulnerabilityIds: ['CVE-2026-0001'] });
    assert.deepEqual(named('zope.interface'), named('zope-interface'));
    assert.deepEqual(named('Zope_Interface'), named('zope-interface'));
    assert.notDeepEqual(named('zope-interfaces'), named('zope-interface'));
  });

  it('keeps a code key across a line shift', () => {
    const before = keysOf({ location: { startLine: 10, endLine: 12, snippetHash: 'h' } });
    const after = keysOf({ location: { startLine: 25, endLine: 27, snippetHash: 'h' } });
    assert.deepEqual(after, before);
  });

  it('keeps a snippet-less key across a line shift', () => {
    assert.deepEqual(keysOf({ location: { startLine: 40 } }), keysOf({ location: { startLine: 10 } }));
  });

  it('uses only the fingerprint without a snippet', () => {
    const keys = identityOf(normalizedFinding({ fingerprint: 'abc' })).keys;
    assert.deepEqual(keys.map((key) => key.rule), ['tool-fingerprint']);
  });

  it('normalises back-slashes in code paths', () => {
    assert.deepEqual(keysOf({ location: { path: 'dojo\\cred\\views.py', snippetHash: 'h' } }), keysOf({ location: { path: 'dojo/cred/views.py', snippetHash: 'h' } }));
  });

  it('gives Checkov and KICS one IaC key', () => {
    const checkov = keysOf({ tool: 'checkov', category: 'iac', ruleId: 'CKV_AWS_19', location: { path: 'infra/s3.tf', resourceName: 'aws_s3_bucket.logs' } });
    const kics = keysOf({ tool: 'kics', category: 'iac', ruleId: '6726dcc0-5ff5-459d-b473-a780bef7665c', location: { path: 'infra/s3.tf', resourceName: 'aws_s3_bucket[logs].server_side_encryption_configuration' } });
    assert.deepEqual(kics, checkov);
  });

  it('keys an IaC control on file for Dockerfiles', () => {
    const [key] = keysOf({ tool: 'trivy', category: 'iac', ruleId: 'DS002', location: { path: 'Dockerfile', resourceType: 'Dockerfile' } });
    assert.equal(key, 'iac|web|Dockerfile|*|iac:dockerfile-runs-as-root');
  });

  it('templates ids in DAST keys', () => {
    const first = keysOf({ tool: 'zap', category: 'dast', ruleId: '40012', location: { path: null, url: 'https://a.test/users/17?x=1', method: 'GET', parameter: 'q' } });
    const second = keysOf({ tool: 'zap', category: 'dast', ruleId: '40012', location: { path: null, url: 'https://A.test:443/users/99', method: 'get', parameter: 'q' } });
    assert.deepEqual(second, first);
  });

  it('strips image tags from fallback keys', () => {
    const a = keysOf({ category: 'other', ruleId: null, title: 'Outdated base', location: { path: null, image: 'registry/app:1.2.3' } });
    const b = keysOf({ category: 'other', ruleId: null, title: 'Outdated base', location: { path: null, image: 'registry/app:1.2.4' } });
    assert.deepEqual(a, b);
  });

  it('keeps the Debian revision in package keys', () => {
    const pkg = (version: string) => ({ purl: `pkg:deb/debian/libsystemd0@${version}`, ecosystem: 'deb', name: 'libsystemd0', version, fixedVersions: [] });
    const u4 = keysOf({ tool: 'trivy', category: 'container', vulnerabilityIds: ['CVE-2021-33910'], package: pkg('241-7~deb10u4') });
    const u6 = keysOf({ tool: 'grype', category: 'container', vulnerabilityIds: ['CVE-2021-33910'], package: pkg('241-7~deb10u6') });
    assert.notDeepEqual(u4, u6);
  });

  it('drops the Debian epoch in package keys', () => {
    const pkg = (version: string) => ({ purl: `pkg:deb/debian/libgcc1@${version}`, ecosystem: 'deb', name: 'libgcc1', version, fixedVersions: [] });
    const trivy = keysOf({ tool: 'trivy', category: 'container', vulnerabilityIds: ['CVE-2018-12886'], package: pkg('8.3.0-6') });
    const grype = keysOf({ tool: 'grype', category: 'container', vulnerabilityIds: ['CVE-2018-12886'], package: pkg('1:8.3.0-6') });
    assert.deepEqual(trivy, grype);
  });

  it('keys secrets on hash and file', () => {
    const [key] = keysOf({ tool: 'gitleaks', category: 'secret', secret: { sha256: 'f00', preview: '****' }, location: { path: 'conf/aws.tf' } });
    assert.equal(key, 'secret|web|conf/aws.tf|f00');
  });
});
