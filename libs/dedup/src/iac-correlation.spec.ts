import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizedFinding, type FindingOverrides } from './finding.fixture.js';
import { IAC_CONTROLS } from './iac-controls.js';
import { canonicalResource, correlateIac, iacControlOf, sameIacFile } from './iac-correlation.js';

function iac(tool: string, ruleId: string, location: FindingOverrides['location']) {
  return normalizedFinding({ tool, ruleId, category: 'iac', location: { startLine: null, endLine: null, ...location } });
}

describe('iacControlOf', () => {
  const encryption: Array<[string, string]> = [
    ['checkov', 'CKV_AWS_19'],
    ['tfsec 1.28', 'AVD-AWS-0088'],
    ['tfsec 1.0', 'aws-s3-enable-bucket-encryption'],
    ['tfsec 0.x', 'AWS017'],
    ['trivy', 'AWS-0088'],
    ['kics', '6726dcc0-5ff5-459d-b473-a780bef7665c'],
  ];
  for (const [tool, ruleId] of encryption) {
    it(`maps ${tool} S3 encryption`, () => {
      assert.equal(iacControlOf(ruleId)?.id, 's3-encryption-at-rest');
    });
  }

  it('maps Trivy DS002 spellings alike', () => {
    assert.deepEqual(['DS002', 'DS-0002', 'avd-ds-0002'].map((id) => iacControlOf(id)?.id), ['dockerfile-runs-as-root', 'dockerfile-runs-as-root', 'dockerfile-runs-as-root']);
  });

  it('returns null for an unmapped rule', () => {
    assert.equal(iacControlOf('CKV_AWS_999999'), null);
  });

  it('has at least fifteen controls', () => {
    assert.ok(IAC_CONTROLS.length >= 15);
  });

  it('gives each id one control', () => {
    const perControl = IAC_CONTROLS.flatMap((c) => [...new Set([...c.checkov, ...c.tfsec, ...c.trivy, ...c.kics].map((id) => id.toLowerCase()))]);
    assert.equal(new Set(perControl).size, perControl.length);
  });
});

describe('canonicalResource', () => {
  const cases: Array<[string, string | null, string]> = [
    ['aws_s3_bucket.logs', null, 'aws_s3_bucket.logs'],
    ['aws_s3_bucket[logs].acl', null, 'aws_s3_bucket.logs'],
    ['module.vpc:aws_subnet.private[0]', null, 'module.vpc.aws_subnet.private'],
    ['module.vpc.aws_subnet.private["a.b"]', null, 'module.vpc.aws_subnet.private'],
    ['logs', 'aws_s3_bucket', 'aws_s3_bucket.logs'],
    ['/aws/resources/Dockerfile.', null, '/aws/resources/Dockerfile.'],
  ];
  for (const [raw, type, expected] of cases) {
    it(`reads ${raw}`, () => {
      assert.equal(canonicalResource(raw, type), expected);
    });
  }
});

describe('sameIacFile', () => {
  it('matches an absolute path by its tail', () => {
    assert.equal(sameIacFile('/home/runner/work/app/infra/s3.tf', 'infra/s3.tf'), true);
  });

  it('rejects another module', () => {
    assert.equal(sameIacFile('modules/a/main.tf', 'modules/b/main.tf'), false);
  });

  it('rejects a bare file name tail', () => {
    assert.equal(sameIacFile('main.tf', 'modules/a/main.tf'), false);
  });
});

describe('correlateIac', () => {
  it('merges Checkov and KICS on one bucket', () => {
    const checkov = iac('checkov', 'CKV_AWS_19', { path: 'infra/s3.tf', resourceName: 'aws_s3_bucket.logs', startLine: 1, endLine: 9 });
    const kics = iac('kics', '6726dcc0-5ff5-459d-b473-a780bef7665c', { path: 'infra/s3.tf', resourceName: 'aws_s3_bucket[logs]', startLine: 1, endLine: 1 });
    assert.equal(correlateIac(checkov, kics).match, true);
  });

  it('keeps two buckets apart', () => {
    const checkov = iac('checkov', 'CKV_AWS_19', { path: 'infra/s3.tf', resourceName: 'aws_s3_bucket.logs' });
    const tfsec = iac('tfsec', 'AVD-AWS-0088', { path: 'infra/s3.tf', resourceName: 'aws_s3_bucket.data' });
    assert.equal(correlateIac(checkov, tfsec).match, false);
  });

  it('keeps two controls apart', () => {
    const checkov = iac('checkov', 'CKV_AWS_19', { path: 'infra/s3.tf', resourceName: 'aws_s3_bucket.logs' });
    const tfsec = iac('tfsec', 'AVD-AWS-0090', { path: 'infra/s3.tf', resourceName: 'aws_s3_bucket.logs' });
    assert.equal(correlateIac(checkov, tfsec).match, false);
  });

  it('merges Dockerfile checks without resources', () => {
    const checkov = iac('checkov', 'CKV_DOCKER_3', { path: 'svc/Dockerfile', resourceName: '/svc/Dockerfile.' });
    const trivy = iac('trivy', 'DS002', { path: 'svc/Dockerfile', resourceType: 'Dockerfile' });
    assert.equal(correlateIac(checkov, trivy).match, true);
  });

  it('falls back to lines without a resource', () => {
    const checkov = iac('checkov', 'CKV_AWS_16', { path: 'db.tf', resourceName: 'aws_db_instance.main', startLine: 1, endLine: 20 });
    const kics = iac('kics', '08bd0760-8752-44e1-9779-7bb369b2b4e4', { path: 'db.tf', resourceName: 'storage_encrypted', startLine: 12, endLine: 12 });
    assert.equal(correlateIac(checkov, kics).match, true);
  });
});
