import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runSieve, runSieveJson } from '@sieve/testing';

// One service with a Trivy report, described only by a Kubernetes manifest,
// a runtime sensor, an EPSS file and a policy file: every context option of
// `sieve run` other than the Backstage catalog.

const scratch = mkdtempSync(join(tmpdir(), 'sieve-context-options-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const LOADED_FLAW = 'CVE-2099-10001';
const IDLE_FLAW = 'CVE-2099-10002';

function writeEstate(): Record<string, string> {
  const reports = join(scratch, 'reports', 'checkout');
  mkdirSync(reports, { recursive: true });
  const vulnerability = (id: string, name: string, version: string) => ({
    VulnerabilityID: id,
    PkgName: name,
    InstalledVersion: version,
    PkgIdentifier: { PURL: `pkg:npm/${name}@${version}` },
    Severity: 'HIGH',
    CVSS: { nvd: { V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', V3Score: 7.5 } },
  });
  writeFileSync(
    join(reports, 'trivy.json'),
    JSON.stringify({
      SchemaVersion: 2,
      ArtifactName: 'checkout',
      ArtifactType: 'filesystem',
      Results: [{ Target: 'package-lock.json', Class: 'lang-pkgs', Vulnerabilities: [vulnerability(LOADED_FLAW, 'busy-lib', '1.0.0'), vulnerability(IDLE_FLAW, 'idle-lib', '2.0.0')] }],
    }),
  );

  const manifests = join(scratch, 'checkout.yaml');
  writeFileSync(
    manifests,
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: checkout, labels: { app.kubernetes.io/name: checkout, team: web-shop } }',
      'spec:',
      '  selector: { matchLabels: { app: checkout } }',
      '  template:',
      '    metadata: { labels: { app: checkout } }',
      '    spec: { containers: [{ name: app, image: "registry.example/checkout:1.4.2" }] }',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: checkout }',
      'spec: { type: LoadBalancer, selector: { app: checkout }, ports: [{ port: 443 }] }',
    ].join('\n'),
  );

  const runtime = join(scratch, 'checkout-runtime.json');
  writeFileSync(
    runtime,
    JSON.stringify({
      schema: 'sieve.runtime-observations/v1',
      service: 'checkout',
      window: { from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z' },
      ecosystems: ['npm'],
      packages: [{ purl: 'pkg:npm/busy-lib@1.0.0', loaded: true }],
    }),
  );

  const epss = join(scratch, 'epss.csv');
  writeFileSync(epss, ['#model_version:v2025.03.14,score_date:2026-12-01T00:00:00+0000', 'cve,epss,percentile', `${LOADED_FLAW},0.40000,0.97000`, ''].join('\n'));

  const policy = join(scratch, 'policy.yaml');
  writeFileSync(policy, ['version: shop-2026-12', 'sla: { P1: 3, P2: 14, P3: 60, P4: 120, P5: null }', ''].join('\n'));

  return { reports, manifests, runtime, epss, policy };
}

describe('sieve run with --k8s, --runtime, --epss and --policy', () => {
  let paths: Record<string, string>;
  let findings: ReturnType<typeof runSieveJson>['output']['findings'];

  before(() => {
    paths = writeEstate();
    const run = runSieveJson([paths['reports']!, '--k8s', paths['manifests']!, '--runtime', paths['runtime']!, '--epss', paths['epss']!, '--policy', paths['policy']!]);
    assert.equal(run.status, 0, run.stderr);
    findings = run.output.findings;
  });

  const byId = (id: string) => {
    const finding = findings.find((candidate) => candidate['vulnerabilityIds'].includes(id));
    assert.ok(finding, `${id} is not in the output`);
    return finding;
  };

  it('takes exposure and owner from the manifests', () => {
    const finding = byId(LOADED_FLAW);
    assert.equal(finding['asset'], 'checkout');
    assert.equal(finding['exposure'], 'internet');
    assert.match(finding['scoreFactors'].find((factor: { name: string }) => factor.name === 'exposure').source, /^k8s:/);
  });

  it('marks the loaded package reachable and the other one unreachable', () => {
    assert.equal(byId(LOADED_FLAW)['reachability'], 'reachable');
    assert.equal(byId(LOADED_FLAW)['reachabilitySource'], 'runtime:checkout-runtime.json');
    assert.equal(byId(IDLE_FLAW)['reachability'], 'unreachable');
    assert.ok(byId(LOADED_FLAW)['rank'] < byId(IDLE_FLAW)['rank']);
  });

  it('keeps EPSS apart from never scored', () => {
    assert.equal(byId(LOADED_FLAW)['epss'].probability, 0.4);
    assert.equal(byId(IDLE_FLAW)['epss'], null);
    assert.ok(byId(LOADED_FLAW)['reasons'].some((reason: string) => reason.startsWith('EPSS 0.4')), byId(LOADED_FLAW)['reasons'].join('; '));
    assert.equal(byId(LOADED_FLAW)['ssvc'].exploitation, 'poc');
  });

  it('scores with the policy file and its SLA days', () => {
    const finding = byId(LOADED_FLAW);
    assert.equal(finding['policyVersion'], 'shop-2026-12');
    const days = { P1: 3, P2: 14, P3: 60, P4: 120 }[finding['priority'] as 'P1'];
    const due = new Date(Date.parse(finding['firstSeen']) + days * 86_400_000).toISOString().slice(0, 10);
    assert.equal(finding['slaDueDate'], due);
  });

  it('names the file when a context file cannot be read', () => {
    const run = runSieve(['run', paths['reports']!, '--epss', paths['manifests']!]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, new RegExp(`--epss ${paths['manifests']!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `));
  });
});
