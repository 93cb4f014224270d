import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AvroSerde, HttpSchemaRegistry, type ScoredFinding } from '@sieve/contracts';
import type { IHeaders } from 'kafkajs';
import { EmbeddedPipeline, type FindingView } from '@sieve/stages';
import { silentLogger } from '@sieve/telemetry';
import { runSieve, samplePath, StackHarness } from '@sieve/testing';


const REPORTS = [
  ['trivy-json', 'trivy_image_juice-shop-v12.10.2_os-node-secrets.json'],
  ['sarif', 'semgrep-oss-1.69.0_juice-shop_77-results.sarif'],
  ['gitleaks-json', 'gitleaks-8_4-leaks.json'],
  ['npm-audit-json', 'npm-audit-v2_6-vulns.json'],
] as const;
const ASSET = 'juice-shop';

const FAULT_REPORT = ['sarif', 'semgrep-0.17.0_owasp-benchmark_1768-results.sarif'] as const;

async function embeddedQueue(reports: ReadonlyArray<readonly [string, string]> = REPORTS): Promise<FindingView[]> {
  const pipeline = await EmbeddedPipeline.start({ database: { kind: 'embedded', dataDir: null }, logger: silentLogger() });
  try {
    for (const [folder, file] of reports) {
      await pipeline.submit({ bytes: readFileSync(samplePath(folder, file)), asset: ASSET, assetSource: 'submitter', sourceName: file });
      await pipeline.drain();
    }
    return await pipeline.queue();
  } finally {
    await pipeline.close();
  }
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('distributed pipeline over Kafka, PostgreSQL and OpenSearch', { timeout: 900_000 }, () => {
  const stack = new StackHarness();
  let expected: FindingView[];
  const reportIds: string[] = [];

  before(async () => {
    expected = await embeddedQueue();
    await stack.start();
    for (const [folder, file] of REPORTS) {
      const response = await fetch(stack.url('ingest', `/v1/reports?asset=${ASSET}&name=${file}`), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: readFileSync(samplePath(folder, file)),
      });
      const text = await response.text();
      assert.equal(response.status, 202, `upload of ${file} answered ${response.status}: ${text}`);
      reportIds.push((JSON.parse(text) as { reportId: string }).reportId);
    }
  });

  after(async () => {
    await stack.stop();
  });

  it('ranks the same findings with the same scores as sieve run', async () => {
    const served = await until('every finding scored and indexed', 300_000, async () => {
      const findings = await allFindings(stack);
      const scored = findings.filter((finding) => finding.score !== null);
      return scored.length === expected.length ? findings : undefined;
    });
    const byKey = (findings: FindingView[]) => new Map(findings.map((f) => [f.identityKey, { score: f.score, status: f.status, severity: f.severity }]));
    assert.deepEqual(byKey(served), byKey(expected));
  });

  it('publishes every finding on the scored topic', async () => {
    const ids = new Set((await allFindings(stack)).map((finding) => finding.id));
    const seen = new Set<string>();
    const consumer = await readScoredTopic(stack, 'reader', (scored) => seen.add(scored.findingId));
    try {
      await until('every finding on the scored topic', 120_000, async () => ([...ids].every((id) => seen.has(id)) ? true : undefined));
    } finally {
      await consumer.disconnect();
    }
    assert.equal([...ids].filter((id) => !seen.has(id)).length, 0);
  });

  it('returns the same report id for the same bytes', async () => {
    const [folder, file] = REPORTS[0];
    const response = await fetch(stack.url('ingest', `/v1/reports?asset=${ASSET}`), { method: 'POST', body: readFileSync(samplePath(folder, file)) });
    const body = (await response.json()) as { reportId: string; duplicate: boolean };
    assert.equal(body.reportId, reportIds[0]);
    assert.equal(body.duplicate, true);
  });

  it('serves one finding with evidence and history', async () => {
    const [first] = await allFindings(stack);
    const response = await fetch(stack.url('report', `/v1/findings/${first!.id}`));
    const finding = (await response.json()) as FindingView & { history: Array<{ type: string }> };
    assert.equal(response.status, 200);
    assert.ok(finding.evidence.length > 0);
    assert.equal(finding.history[0]?.type, 'created');
  });

  it('filters and searches the queue', async () => {
    const response = await fetch(stack.url('report', '/v1/findings?q=jsonwebtoken&category=container&limit=500'));
    const page = (await response.json()) as { total: number; findings: FindingView[] };
    assert.ok(page.total > 0);
    assert.ok(page.findings.every((finding) => finding.category === 'container'));
    assert.ok(page.findings.every((finding) => `${finding.title} ${finding.package}`.toLowerCase().includes('jsonwebtoken')));
  });

  it('rebuilds the view to match the incremental one', async () => {
    const before = await allFindings(stack);
    const rebuild = stack.runScript('services/report/src/rebuild-views.ts');
    assert.equal(rebuild.status, 0, rebuild.stderr);
    assert.match(rebuild.stdout, new RegExp(`rebuilt ${stack.alias}-v2 with ${before.length} findings`));
    const after = await allFindings(stack);
    assert.deepEqual(after.map((f) => [f.id, f.rank, f.score]), before.map((f) => [f.id, f.rank, f.score]));
  });

  it('uploads reports with sieve upload', () => {
    const [folder, file] = REPORTS[2];
    const run = runSieve(['upload', samplePath(folder, file), '--url', stack.url('ingest', ''), '--asset', ASSET]);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(run.stdout.includes(`${reportIds[2]}\t(already ingested)`), run.stdout);
  });

  it('ends in the same state after dedup is killed mid-run', async () => {
    const expectedAll = await embeddedQueue([...REPORTS, FAULT_REPORT]);
    const [folder, file] = FAULT_REPORT;
    const response = await fetch(stack.url('ingest', `/v1/reports?asset=${ASSET}&name=${file}`), { method: 'POST', body: readFileSync(samplePath(folder, file)) });
    const { reportId } = (await response.json()) as { reportId: string };
    await until('dedup to start on the large report', 120_000, async () => {
      const rows = await stack.database.dataSource.query(`SELECT findings_deduplicated AS n FROM report_progress WHERE report_id = $1`, [reportId]);
      return rows.length > 0 ? true : undefined;
    });
    await stack.kill('dedup');
    stack.startService('dedup');
    await stack.waitReady('dedup', 300_000);
    // Read the canonical state from PostgreSQL: paging the search view while
    // it is still being updated could skip or repeat findings.
    const stored = await until('every finding scored after the restart', 300_000, async () => {
      const rows: Array<{ identity_key: string; score: number | null; status: string }> = await stack.database.dataSource.query(
        `SELECT identity_key, score, status FROM findings`,
      );
      return rows.length === expectedAll.length && rows.every((row) => row.score !== null) ? rows : undefined;
    });
    const served = new Map(stored.map((row) => [row.identity_key, { score: row.score, status: row.status }]));
    assert.deepEqual(served, new Map(expectedAll.map((f) => [f.identityKey, { score: f.score, status: f.status }])));
    const evidences = await stack.database.dataSource.query(`SELECT count(*)::int AS n FROM evidences WHERE report_id = $1`, [reportId]);
    const distinct = await stack.database.dataSource.query(`SELECT count(DISTINCT sighting_key)::int AS n FROM evidences WHERE report_id = $1`, [reportId]);
    assert.equal(evidences[0].n, distinct[0].n);
  });

  it('reports readiness and metrics', async () => {
    const ready = await fetch(stack.url('dedup', '/readyz'));
    assert.equal(ready.status, 200);
    const metrics = await (await fetch(stack.url('dedup', '/metrics'))).text();
    assert.match(metrics, /sieve_messages_handled_total\{topic="sieve.finding.normalized.v1",service="dedup"\} [1-9]/);
  });

  it('changes nothing on a redelivered message and dead-letters an undecodable one', async () => {
    const topic = `${stack.prefix}sieve.finding.normalized.v1`;
    const original = await firstMessage(stack, topic);
    const before = await canonicalState(stack);

    const producer = stack.kafka().producer();
    await producer.connect();
    let sent;
    try {
      // One key, so both land on the original's partition: the broken message first, then the repeat.
      sent = await producer.send({
        topic,
        messages: [
          { key: original.key, value: Buffer.from('not an Avro message'), headers: { 'sieve-test': 'undecodable' } },
          { key: original.key, value: original.value, headers: original.headers },
        ],
      });
    } finally {
      await producer.disconnect();
    }
    const { partition, baseOffset } = sent[0]!;
    const brokenOffset = Number(baseOffset);

    const letter = await until('the undecodable message on the dead-letter topic', 120_000, async () => {
      const letters = await readAll(stack, `${topic}.dlq`);
      return letters.find((message) => message.headers['sieve-origin-offset'] === String(brokenOffset));
    });
    assert.equal(letter.headers['sieve-origin-topic'], topic);
    assert.ok((letter.headers['sieve-error'] ?? '').length > 0, 'the dead letter names no error');

    await until('dedup to commit past the repeated message', 120_000, async () => {
      const admin = stack.kafka().admin();
      await admin.connect();
      try {
        const [entry] = await admin.fetchOffsets({ groupId: `${stack.prefix}sieve-dedup`, topics: [topic] });
        const committed = Number(entry?.partitions.find((p) => p.partition === partition)?.offset ?? -1);
        return committed >= brokenOffset + 2 ? true : undefined;
      } finally {
        await admin.disconnect();
      }
    });
    assert.deepEqual(await canonicalState(stack), before);
  });

  // Last, because it changes scores that the tests above compare with sieve run.
  it('re-scores a finding on the scored topic when its CVE enters CISA KEV', async () => {
    const target = (await allFindings(stack)).find((f) => f.status === 'open' && f.kev === null && f.vulnerabilityIds.some((id) => id.startsWith('CVE-')));
    assert.ok(target, 'no open finding with a CVE id');
    const cve = target.vulnerabilityIds.find((id) => id.startsWith('CVE-'))!;
    const kevFolder = mkdtempSync(join(tmpdir(), 'sieve-e2e-kev-'));
    const kevFile = join(kevFolder, 'kev.json');
    writeFileSync(kevFile, JSON.stringify(kevCatalogue(cve, '2026-11-20')));

    const rescored: ScoredFinding[] = [];
    const consumer = await readScoredTopic(stack, 'kev-reader', (scored) => {
      if (scored.findingId === target.id && scored.reasons.includes('in CISA KEV since 2026-11-20')) rescored.push(scored);
    });
    try {
      const push = runSieve(['context', 'push', '--url', stack.url('ingest', ''), '--kev', kevFile]);
      assert.equal(push.status, 0, push.stderr);
      await until('the KEV listing on the scored topic', 120_000, async () => (rescored.length > 0 ? true : undefined));
    } finally {
      await consumer.disconnect();
      rmSync(kevFolder, { recursive: true, force: true });
    }

    assert.ok(rescored[0]!.score > target.score!, `score ${target.score} -> ${rescored[0]!.score}`);
    assert.equal(rescored[0]!.ssvc?.exploitation, 'active');
    const served = (await (await fetch(stack.url('report', `/v1/findings/${target.id}`))).json()) as FindingView;
    assert.equal(served.kev?.vulnerabilityId, cve);
    assert.equal(served.score, rescored[0]!.score);
  });
});

/** Reads the first message of a topic as it is on the wire. */
async function firstMessage(stack: StackHarness, topic: string): Promise<{ key: Buffer | null; value: Buffer; headers: IHeaders }> {
  const consumer = stack.kafka().consumer({ groupId: `${stack.prefix}first-${Date.now()}` });
  let resolve!: (message: { key: Buffer | null; value: Buffer; headers: IHeaders }) => void;
  const first = new Promise<{ key: Buffer | null; value: Buffer; headers: IHeaders }>((done) => (resolve = done));
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => resolve({ key: message.key, value: message.value!, headers: message.headers ?? {} }) });
    return await first;
  } finally {
    await consumer.disconnect();
  }
}

/** Reads every message of a topic so far, with text headers. */
async function readAll(stack: StackHarness, topic: string): Promise<Array<{ headers: Record<string, string> }>> {
  const admin = stack.kafka().admin();
  await admin.connect();
  let end: number;
  try {
    if (!(await admin.listTopics()).includes(topic)) return [];
    end = (await admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
  if (end === 0) return [];

  const messages: Array<{ headers: Record<string, string> }> = [];
  const consumer = stack.kafka().consumer({ groupId: `${stack.prefix}read-${Date.now()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
        messages.push({ headers });
      },
    });
    await until(`every message of ${topic}`, 60_000, async () => (messages.length >= end ? true : undefined));
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

/** Reads the state deduplication owns, without the timestamps enrich and score rewrite when a finding is announced again. */
async function canonicalState(stack: StackHarness) {
  const query = (sql: string) => stack.database.dataSource.query(sql);
  return {
    findings: await query(`SELECT id, identity_key, status, last_seen, reopen_count, score FROM findings ORDER BY id`),
    evidences: await query(`SELECT id, finding_id, sighting_key, present FROM evidences ORDER BY id`),
    events: await query(`SELECT count(*)::int AS n FROM finding_events`),
  };
}

/** Reads sieve.finding.scored.v1 from the start with a plain kafkajs consumer, decoding through the registry; the caller disconnects it. */
async function readScoredTopic(stack: StackHarness, group: string, onScored: (scored: ScoredFinding) => void) {
  const serde = new AvroSerde(new HttpSchemaRegistry({ url: 'http://127.0.0.1:8081/apis/ccompat/v7' }), { autoRegister: false });
  const consumer = stack.kafka().consumer({ groupId: `${stack.prefix}${group}` });
  await consumer.connect();
  await consumer.subscribe({ topic: `${stack.prefix}sieve.finding.scored.v1`, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      onScored((await serde.decode('sieve.finding.scored.v1', message.value)) as ScoredFinding);
    },
  });
  return consumer;
}

function kevCatalogue(cve: string, dateAdded: string) {
  const vulnerability = {
    cveID: cve,
    vendorProject: 'Example',
    product: 'Example',
    vulnerabilityName: 'Test listing',
    dateAdded,
    shortDescription: 'Listed by the end-to-end test.',
    requiredAction: 'Apply updates.',
    dueDate: '2026-12-11',
    knownRansomwareCampaignUse: 'Unknown',
    notes: '',
    cwes: [],
  };
  return { title: 'Test catalogue', catalogVersion: '2026.11.20', dateReleased: '2026-11-20T00:00:00Z', count: 1, vulnerabilities: [vulnerability] };
}

async function allFindings(stack: StackHarness): Promise<FindingView[]> {
  const findings: FindingView[] = [];
  for (let offset = 0; ; offset += 500) {
    const response = await fetch(stack.url('report', `/v1/findings?limit=500&offset=${offset}`));
    const page = (await response.json()) as { total: number; findings: FindingView[] };
    findings.push(...page.findings);
    if (findings.length >= page.total || page.findings.length === 0) return findings;
  }
}
