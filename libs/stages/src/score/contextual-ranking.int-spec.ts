import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AssetContext, ScoredFinding, VulnerabilityIntel } from '@sieve/contracts';
import { emptyAssetContext } from '@sieve/context';
import { silentLogger } from '@sieve/telemetry';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '@sieve/testing';
import { EmbeddedPipeline } from '../embedded-pipeline.js';
import type { FindingView } from '../report/finding-view.js';

// The mission's example: a CVSS 10.0 in a package that never loads, in an
// internal batch job without sensitive data, against a CVSS 6.5 in a package
// that runs in an internet-facing payment service.

const LOG4SHELL = 'CVE-2021-44228';
const COOKIE_FLAW = 'CVE-2023-26136';
const OTHER_LEDGER_FLAW = 'CVE-2022-42889';

function trivyReport(target: string, vulnerabilities: Array<{ id: string; name: string; version: string; purl: string; vector: string; score: number }>): Buffer {
  const report = {
    SchemaVersion: 2,
    ArtifactName: target,
    ArtifactType: 'filesystem',
    Results: [
      {
        Target: target,
        Class: 'lang-pkgs',
        Vulnerabilities: vulnerabilities.map((v) => ({
          VulnerabilityID: v.id,
          PkgName: v.name,
          InstalledVersion: v.version,
          PkgIdentifier: { PURL: v.purl },
          Severity: v.score >= 9 ? 'CRITICAL' : 'MEDIUM',
          Title: `${v.id} in ${v.name}`,
          CVSS: { nvd: { V3Vector: v.vector, V3Score: v.score } },
        })),
      },
    ],
  };
  return Buffer.from(JSON.stringify(report));
}

function assetContext(asset: string, fields: Partial<AssetContext>): AssetContext {
  return { ...emptyAssetContext(asset, 0), kind: 'service', ...fields };
}

const PAYMENTS = assetContext('payments-api', {
  owner: 'group:payments',
  ownerSource: 'catalog:catalog-info.yaml',
  exposure: 'internet',
  exposureSource: 'catalog:catalog-info.yaml',
  dataClasses: ['pci'],
  dataClassesSource: 'catalog:catalog-info.yaml',
  criticality: 'high',
  criticalitySource: 'catalog:catalog-info.yaml',
  runtimeObservations: [
    {
      source: 'runtime:payments-api.json',
      sensor: 'node-agent',
      windowFrom: '2026-11-01T00:00:00Z',
      windowTo: '2026-11-30T00:00:00Z',
      ecosystems: ['npm'],
      packages: [{ purl: 'pkg:npm/tough-cookie@4.0.0', loaded: true }],
      functions: [],
    },
  ],
});

const LEDGER = assetContext('ledger-batch', {
  owner: 'group:finance-platform',
  ownerSource: 'catalog:catalog-info.yaml',
  exposure: 'internal',
  exposureSource: 'catalog:catalog-info.yaml',
  dataClasses: ['none'],
  dataClassesSource: 'catalog:catalog-info.yaml',
  criticality: 'low',
  criticalitySource: 'catalog:catalog-info.yaml',
  runtimeObservations: [
    {
      source: 'runtime:ledger-batch.json',
      sensor: 'jvm-agent',
      windowFrom: '2026-11-01T00:00:00Z',
      windowTo: '2026-11-30T00:00:00Z',
      ecosystems: ['maven'],
      packages: [{ purl: 'pkg:maven/org.apache.commons/commons-text@1.9', loaded: true }],
      functions: [],
    },
  ],
});

describe('contextual ranking on PostgreSQL', () => {
  let db: TestDatabase;
  let pipeline: EmbeddedPipeline;
  let clock = Date.parse('2026-12-01T09:00:00Z');
  const scored: ScoredFinding[] = [];

  const findingOf = async (vulnerabilityId: string): Promise<FindingView & { position: number }> => {
    const queue = await pipeline.queue();
    const position = queue.findIndex((finding) => finding.vulnerabilityIds.includes(vulnerabilityId));
    assert.ok(position >= 0, `${vulnerabilityId} is not in the queue`);
    return { ...queue[position]!, position };
  };

  const step = async (publish: () => Promise<void>): Promise<ScoredFinding[]> => {
    clock += 60_000;
    scored.length = 0;
    await publish();
    await pipeline.drain();
    return [...scored];
  };

  before(async () => {
    db = await createTestDatabase();
    pipeline = await EmbeddedPipeline.start({
      database: { kind: 'postgres', url: testDatabaseUrl(), schema: db.schema },
      logger: silentLogger(),
      now: () => new Date(clock),
    });
    pipeline.bus.subscribe({
      group: 'test-scored-tap',
      topics: ['sieve.finding.scored.v1'],
      handler: async (messages) => {
        scored.push(...messages.map((message) => message.value as ScoredFinding));
      },
    });

    await step(() => pipeline.publishContext([PAYMENTS, LEDGER], []));
    await step(async () => {
      await pipeline.submit({
        bytes: trivyReport('package-lock.json', [
          { id: COOKIE_FLAW, name: 'tough-cookie', version: '4.0.0', purl: 'pkg:npm/tough-cookie@4.0.0', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N', score: 6.5 },
        ]),
        asset: 'payments-api',
        assetSource: 'submitter',
        sourceName: 'payments-trivy.json',
      });
      await pipeline.submit({
        bytes: trivyReport('pom.xml', [
          { id: LOG4SHELL, name: 'org.apache.logging.log4j:log4j-core', version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', score: 10 },
          { id: OTHER_LEDGER_FLAW, name: 'org.apache.commons:commons-text', version: '1.9', purl: 'pkg:maven/org.apache.commons/commons-text@1.9', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8 },
        ]),
        asset: 'ledger-batch',
        assetSource: 'submitter',
        sourceName: 'ledger-trivy.json',
      });
    });
  });

  after(async () => {
    await pipeline?.close();
    await db?.drop();
  });

  it('ranks the exposed 6.5 first', async () => {
    const cookie = await findingOf(COOKIE_FLAW);
    const log4shell = await findingOf(LOG4SHELL);

    assert.equal(cookie.cvss?.baseScore, 6.5);
    assert.equal(log4shell.cvss?.baseScore, 10);
    assert.ok(cookie.position < log4shell.position, `6.5 at ${cookie.position} should rank above 10.0 at ${log4shell.position}`);
    assert.ok(cookie.score! > log4shell.score!);

    assert.ok(cookie.reasons.includes('internet-facing'), cookie.reasons.join('; '));
    assert.ok(cookie.reasons.includes('package loaded at runtime'), cookie.reasons.join('; '));
    assert.ok(cookie.reasons.includes('service handles PCI data'), cookie.reasons.join('; '));
    assert.equal(cookie.reachability, 'reachable');
    assert.equal(cookie.reachabilitySource, 'runtime:payments-api.json');

    assert.equal(log4shell.reachability, 'unreachable');
    assert.ok(
      log4shell.reasons.some((reason) => reason.startsWith('package not loaded at runtime')),
      log4shell.reasons.join('; '),
    );
  });

  it('records factor sources and policy', async () => {
    const cookie = await findingOf(COOKIE_FLAW);
    const factors = new Map(cookie.scoreFactors.map((factor) => [factor.name, factor]));

    assert.equal(cookie.policyVersion, 'sieve-default-3');
    assert.equal(factors.get('exposure')?.source, 'catalog:catalog-info.yaml');
    assert.equal(factors.get('reachability')?.source, 'runtime:payments-api.json');
    assert.ok((factors.get('intrinsic')?.points ?? 0) > 0);
    assert.ok(cookie.ssvc !== null);
    assert.ok(['Track', 'Track*', 'Attend', 'Act'].includes(cookie.ssvc.decision));
    assert.match(cookie.slaDueDate ?? '', /^\d{4}-\d{2}-\d{2}$/);
  });

  it('raises only the 6.5 on KEV listing', async () => {
    const before = await findingOf(COOKIE_FLAW);
    const others = (await pipeline.queue()).filter((finding) => finding.id !== before.id);

    const kev: VulnerabilityIntel = {
      vulnerabilityId: COOKIE_FLAW,
      kev: { dateAdded: '2026-11-20', dueDate: '2026-12-11', knownRansomwareUse: false, vendor: 'Salesforce', product: 'tough-cookie' },
      epss: null,
      aliases: [],
      source: 'kev:test',
      updatedAt: clock,
    };
    const published = await step(() => pipeline.publishContext([], [kev]));

    assert.deepEqual(published.map((finding) => finding.findingId), [before.id]);
    const after = await findingOf(COOKIE_FLAW);
    assert.ok(after.score! > before.score!, `score ${before.score} -> ${after.score}`);
    assert.ok(after.reasons.includes('in CISA KEV since 2026-11-20'), after.reasons.join('; '));
    assert.equal(published[0]!.ssvc?.exploitation, 'active');

    const unchanged = (await pipeline.queue()).filter((finding) => finding.id !== before.id);
    assert.deepEqual(
      unchanged.map((finding) => [finding.id, finding.score]),
      others.map((finding) => [finding.id, finding.score]),
    );
  });

  it('lowers the 6.5 without exposure', async () => {
    const before = await findingOf(COOKIE_FLAW);
    const internal = { ...PAYMENTS, exposure: 'internal' as const, updatedAt: clock };
    const published = await step(() => pipeline.publishContext([internal], []));

    assert.deepEqual(published.map((finding) => finding.findingId), [before.id]);
    const after = await findingOf(COOKIE_FLAW);
    assert.ok(after.score! < before.score!, `score ${before.score} -> ${after.score}`);
    assert.ok(!after.reasons.includes('internet-facing'), after.reasons.join('; '));
    assert.ok(after.reasons.includes('internal only'), after.reasons.join('; '));
  });
});
