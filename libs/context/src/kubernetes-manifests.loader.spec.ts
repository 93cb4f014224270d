import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ContextSourceError } from './context-source.error.js';
import { loadKubernetesManifests, type KubernetesManifestsLoadResult } from './kubernetes-manifests.loader.js';

const PAYMENTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments-web
  namespace: shop
  labels:
    app.kubernetes.io/name: payments
    app.kubernetes.io/part-of: checkout
    team: team-payments
spec:
  selector:
    matchLabels: { app: payments-web }
  template:
    metadata:
      labels: { app: payments-web }
    spec:
      initContainers:
        - name: migrate
          image: ghcr.io/acme/payments-migrate:1.4.0
      containers:
        - name: web
          image: ghcr.io/acme/payments:1.4.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
---
apiVersion: v1
kind: Service
metadata: { name: payments, namespace: shop }
spec:
  type: ClusterIP
  selector: { app: payments-web }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: shop, namespace: shop }
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /pay
            pathType: Prefix
            backend:
              service: { name: payments, port: { number: 80 } }
          - path: /cart
            pathType: Prefix
            backend:
              service: { name: cart, port: { number: 80 } }
`;

const WORKERS = `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: ledger-db, namespace: shop }
spec:
  template:
    metadata:
      labels: { app: ledger, owner: team-ledger }
    spec:
      containers: [{ name: db, image: "postgres:16" }]
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly-report, namespace: shop }
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: { app.kubernetes.io/name: reports }
        spec:
          containers: [{ name: report, image: "registry.local:5000/reports:7" }]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: log-agent, namespace: ops }
spec:
  template:
    metadata:
      labels: { app: log-agent }
    spec:
      containers: [{ name: agent, image: fluent/fluent-bit }]
---
apiVersion: v1
kind: Service
metadata: { name: log-agent, namespace: ops }
spec:
  type: NodePort
  selector: { app: log-agent }
---
apiVersion: v1
kind: Service
metadata:
  name: ledger-private
  namespace: shop
  annotations:
    networking.gke.io/load-balancer-type: Internal
spec:
  type: LoadBalancer
  selector: { app: ledger }
---
apiVersion: v1
kind: Service
metadata: { name: reports-public, namespace: other }
spec:
  type: LoadBalancer
  selector: { app.kubernetes.io/name: reports }
`;

const MIXED = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments }
---
kind: ConfigMap
apiVersion: v1
metadata: { name: settings }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: broken }
spec: { replicas: 2 }
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: { name: debug-shell, labels: { app: toolbox } }
    spec:
      containers: [{ name: shell, image: "busybox:1.36" }]
  - apiVersion: v1
    kind: Service
    metadata: { name: toolbox-lb }
    spec: { type: LoadBalancer, selector: { app: toolbox } }
---
not: [closed
`;

describe('loadKubernetesManifests', () => {
  let folder: string;
  let loaded: KubernetesManifestsLoadResult;
  const asset = (name: string) => loaded.assets.find((candidate) => candidate.asset === name);

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sieve-k8s-'));
    mkdirSync(join(folder, 'apps'));
    writeFileSync(join(folder, 'apps', 'payments.yaml'), PAYMENTS);
    writeFileSync(join(folder, 'workers.yml'), WORKERS);
    writeFileSync(join(folder, 'mixed.yaml'), MIXED);
    writeFileSync(join(folder, 'README.md'), '# not read');
    loaded = loadKubernetesManifests(folder);
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('names services from labels', () => {
    assert.deepEqual(
      loaded.assets.map((candidate) => candidate.asset),
      ['ledger', 'log-agent', 'payments', 'reports', 'toolbox'],
    );
  });

  it('marks an Ingress backend internet-facing', () => {
    assert.equal(asset('payments')?.exposure, 'internet');
    assert.equal(asset('payments')?.exposureSource, 'k8s:apps/payments.yaml#Ingress/shop');
  });

  it('marks a NodePort selection internet-facing', () => {
    assert.equal(asset('log-agent')?.exposure, 'internet');
    assert.equal(asset('log-agent')?.exposureSource, 'k8s:workers.yml#Service/log-agent');
  });

  it('marks a LoadBalancer from a List internet-facing', () => {
    assert.equal(asset('toolbox')?.exposureSource, 'k8s:mixed.yaml#Service/toolbox-lb');
  });

  it('ignores an internal load balancer', () => {
    assert.equal(asset('ledger')?.exposure, null);
    assert.equal(asset('ledger')?.exposureSource, null);
  });

  it('matches Services in their namespace only', () => {
    assert.equal(asset('reports')?.exposure, null);
  });

  it('reads the owner from team', () => {
    assert.equal(asset('payments')?.owner, 'team-payments');
    assert.equal(asset('payments')?.ownerSource, 'k8s:apps/payments.yaml#Deployment/payments-web');
  });

  it('reads the owner from pod labels', () => {
    assert.equal(asset('ledger')?.owner, 'team-ledger');
    assert.equal(asset('ledger')?.ownerSource, 'k8s:workers.yml#StatefulSet/ledger-db');
  });

  it('leaves an unlabelled owner unset', () => {
    assert.equal(asset('reports')?.owner, null);
  });

  it('reads part-of as the system', () => {
    assert.equal(asset('payments')?.system, 'checkout');
    assert.equal(asset('payments')?.kind, 'service');
  });

  it('links images without tag or digest', () => {
    assert.deepEqual(asset('payments')?.images, ['ghcr.io/acme/payments', 'ghcr.io/acme/payments-migrate']);
    assert.deepEqual(asset('reports')?.images, ['registry.local:5000/reports']);
  });

  it('returns image links with sources', () => {
    assert.deepEqual(
      loaded.imageLinks.find((link) => link.image === 'ghcr.io/acme/payments'),
      { image: 'ghcr.io/acme/payments', asset: 'payments', source: 'k8s:apps/payments.yaml#Deployment/payments-web' },
    );
    assert.ok(loaded.imageLinks.some((link) => link.image === 'postgres' && link.asset === 'ledger'));
  });

  it('warns about a missing backend Service', () => {
    assert.ok(loaded.warnings.some((warning) => warning.message.includes('routes to Service cart') && warning.location === 'apps/payments.yaml:31'));
  });

  it('warns about an invalid workload', () => {
    assert.ok(loaded.warnings.some((warning) => warning.message.startsWith('Deployment broken skipped: spec.template') && warning.location === 'mixed.yaml:9'));
  });

  it('warns about invalid YAML', () => {
    assert.ok(loaded.warnings.some((warning) => warning.message.startsWith('YAML document 5 skipped') && (warning.location ?? '').startsWith('mixed.yaml:')));
  });

  it('passes over other documents', () => {
    assert.ok(!loaded.warnings.some((warning) => warning.message.includes('ConfigMap') || warning.message.includes('Component')));
  });

  it('rejects a missing path', () => {
    assert.throws(() => loadKubernetesManifests(join(folder, 'absent')), ContextSourceError);
  });
});

describe('loadKubernetesManifests limits', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sieve-k8s-limits-'));
    writeFileSync(join(folder, 'a.yaml'), PAYMENTS);
    writeFileSync(join(folder, 'b.yaml'), WORKERS);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('skips an oversized file', () => {
    const loaded = loadKubernetesManifests(folder, { maxFileBytes: 1200 });
    assert.ok(loaded.warnings.some((warning) => warning.location === 'b.yaml' && warning.message.includes('exceeds the 1200-byte limit')));
  });

  it('stops at the file limit', () => {
    const loaded = loadKubernetesManifests(folder, { maxFiles: 1 });
    assert.ok(loaded.warnings.some((warning) => warning.message.includes('more than 1 YAML files')));
    assert.deepEqual(
      loaded.assets.map((candidate) => candidate.asset),
      ['payments'],
    );
  });

  it('limits alias expansion', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');
    writeFileSync(join(folder, 'c.yaml'), `${bomb}\n`);
    const loaded = loadKubernetesManifests(join(folder, 'c.yaml'));
    assert.ok(loaded.warnings.some((warning) => warning.message.includes('YAML document 1 skipped')));
  });
});

describe('loadKubernetesManifests image conflict', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'sieve-k8s-shared-'));
    const deployment = (name: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name}, labels: { app: ${name} } }\nspec:\n  template:\n    spec:\n      containers: [{ name: c, image: "acme/base:1" }]\n`;
    writeFileSync(join(folder, 'two.yaml'), `${deployment('api')}---\n${deployment('worker')}`);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('links a shared image to both and warns', () => {
    const loaded = loadKubernetesManifests(folder);
    assert.equal(loaded.imageLinks.filter((link) => link.image === 'acme/base').length, 2);
    assert.ok(loaded.warnings.some((warning) => warning.message.startsWith('image acme/base runs in services api and worker')));
  });
});
