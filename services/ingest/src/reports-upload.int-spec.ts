import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { AvroSerde, HttpSchemaRegistry, type ReportReceived } from '@sieve/contracts';
import { ReportEntity } from '@sieve/persistence';
import { readSample, StackHarness } from '@sieve/testing';

const MAX_BYTES = 1024 * 1024;
const SARIF = readSample('sarif', 'codeql-2.5.4_python-good-bad_72-results.sarif');
const SARIF_NAME = 'codeql-2.5.4_python-good-bad_72-results.sarif';
const NPM_AUDIT = readSample('npm-audit-json', 'npm-audit-v2_6-vulns.json');
const OVERSIZED = Buffer.concat([SARIF, readSample('sarif', 'codeql-lgtm-1.26_defectdojo-2020-12-11_2-runs.sarif')]);

function form(file: Buffer, fields: Record<string, string>, fileName = SARIF_NAME): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  body.append('file', new Blob([file], { type: 'application/sarif+json' }), fileName);
  return body;
}

describe('ingest POST /v1/reports', { timeout: 300_000 }, () => {
  const stack = new StackHarness({ services: ['ingest'], env: { SIEVE_INGEST_MAX_BYTES: String(MAX_BYTES) } });
  const post = (query: string, init: RequestInit) => fetch(stack.url('ingest', `/v1/reports${query}`), { method: 'POST', ...init });

  before(async () => {
    assert.ok(OVERSIZED.length > MAX_BYTES);
    assert.ok(SARIF.length < MAX_BYTES);
    await stack.start();
  });
  after(async () => {
    await stack.stop();
  });

  it('stores a multipart upload with its fields', async () => {
    const response = await post('', { body: form(SARIF, { asset: 'payments-api', tool: 'sarif', scope: 'src/python', commit: '4f2c9e1' }) });
    const text = await response.text();
    assert.equal(response.status, 202, text);
    const { reportId, duplicate } = JSON.parse(text) as { reportId: string; duplicate: boolean };
    assert.equal(duplicate, false);

    const report = await stack.database.dataSource.getRepository(ReportEntity).findOneByOrFail({ id: reportId });
    assert.equal(report.asset, 'payments-api');
    assert.equal(report.scope, 'src/python');
    assert.equal(report.toolHint, 'sarif');
    assert.equal(report.commitSha, '4f2c9e1');
    assert.equal(report.sourceName, SARIF_NAME);
    assert.equal(report.sha256, createHash('sha256').update(SARIF).digest('hex'));
    assert.equal(Number(report.sizeBytes), SARIF.length);
    const chunks = await stack.database.dataSource.query<{ content_gzip: Buffer }[]>(`SELECT content_gzip FROM report_chunks WHERE report_id = $1 ORDER BY seq`, [reportId]);
    assert.ok(gunzipSync(Buffer.concat(chunks.map((chunk) => chunk.content_gzip))).equals(SARIF));
  });

  it('announces a multipart upload on Kafka', async () => {
    const response = await post('?asset=orders-api', { body: form(NPM_AUDIT, { commit: 'a1b2c3d' }, 'npm-audit.json') });
    const { reportId } = (await response.json()) as { reportId: string };
    const serde = new AvroSerde(new HttpSchemaRegistry({ url: 'http://127.0.0.1:8081/apis/ccompat/v7' }), { autoRegister: false });
    const consumer = stack.kafka().consumer({ groupId: `${stack.prefix}upload-reader` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: `${stack.prefix}sieve.report.received.v1`, fromBeginning: true });
      const received = await new Promise<ReportReceived>((resolve, reject) => {
        consumer
          .run({
            eachMessage: async ({ message }) => {
              const event = (await serde.decode('sieve.report.received.v1', message.value)) as ReportReceived;
              if (event.reportId === reportId) resolve(event);
            },
          })
          .catch(reject);
      });
      assert.equal(received.asset, 'orders-api');
      assert.equal(received.commit, 'a1b2c3d');
      assert.equal(received.sourceName, 'npm-audit.json');
      assert.equal(received.sizeBytes, NPM_AUDIT.length);
    } finally {
      await consumer.disconnect();
    }
  });

  it('returns the same id for raw and multipart', async () => {
    const multipart = await post('', { body: form(SARIF, { asset: 'billing-api' }) });
    const raw = await post('?asset=billing-api', { body: SARIF, headers: { 'content-type': 'application/json' } });
    const first = (await multipart.json()) as { reportId: string; duplicate: boolean };
    const second = (await raw.json()) as { reportId: string; duplicate: boolean };
    assert.equal(raw.status, 202);
    assert.equal(second.reportId, first.reportId);
    assert.equal(second.duplicate, true);
  });

  it('rejects an oversized multipart file with 413', async () => {
    const response = await post('', { body: form(OVERSIZED, { asset: 'payments-api' }) });
    const body = (await response.json()) as { message: string };
    assert.equal(response.status, 413);
    assert.equal(body.message, `report is larger than the limit of ${MAX_BYTES} bytes (SIEVE_INGEST_MAX_BYTES)`);
  });

  it('rejects an oversized raw body with 413', async () => {
    const response = await post('?asset=payments-api', { body: OVERSIZED, headers: { 'content-type': 'application/json' } });
    const body = (await response.json()) as { message: string };
    assert.equal(response.status, 413);
    assert.equal(body.message, `report is larger than the limit of ${MAX_BYTES} bytes (SIEVE_INGEST_MAX_BYTES)`);
  });

  it('rejects a multipart request without a file', async () => {
    const body = new FormData();
    body.append('asset', 'payments-api');
    const response = await post('', { body });
    const error = (await response.json()) as { message: string };
    assert.equal(response.status, 400);
    assert.match(error.message, /no report: send the report bytes as the file part "file"/);
  });

  it('rejects a multipart upload without an asset', async () => {
    const response = await post('', { body: form(SARIF, { scope: 'src' }) });
    const error = (await response.json()) as { message: string };
    assert.equal(response.status, 400);
    assert.match(error.message, /^asset is missing or invalid/);
  });

  it('rejects an unknown form field', async () => {
    const response = await post('', { body: form(SARIF, { asset: 'payments-api', branch: 'main' }) });
    const error = (await response.json()) as { message: string };
    assert.equal(response.status, 400);
    assert.match(error.message, /unknown form field "branch"/);
  });

  it('rejects a second file part', async () => {
    const body = form(NPM_AUDIT, { asset: 'payments-api' }, 'first.json');
    body.append('file', new Blob([NPM_AUDIT]), 'second.json');
    const response = await post('', { body });
    const error = (await response.json()) as { message: string };
    assert.equal(response.status, 400);
    assert.match(error.message, /more than one file part/);
    assert.equal(response.headers.get('connection'), 'close');
  });

  it('rejects a field that contradicts the query', async () => {
    const response = await post('?asset=orders-api', { body: form(SARIF, { asset: 'payments-api' }) });
    const error = (await response.json()) as { message: string };
    assert.equal(response.status, 400);
    assert.match(error.message, /^asset is given twice with different values/);
  });

  it('rejects an unknown tool', async () => {
    const response = await post('?asset=tools&tool=trivy-json', { body: NPM_AUDIT });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { message: string }).message, /^tool trivy-json is not a supported format; use one of .*\btrivy\b/);
  });

  it('tells what became of a report', async () => {
    const response = await post('?asset=status-check&name=audit.json', { body: NPM_AUDIT });
    const { reportId } = (await response.json()) as { reportId: string };

    const status = await fetch(stack.url('ingest', `/v1/reports/${reportId}`));
    assert.equal(status.status, 200);
    const body = (await status.json()) as { reportId: string; asset: string; status: string; sourceName: string };
    assert.deepEqual([body.reportId, body.asset, body.status, body.sourceName], [reportId, 'status-check', 'received', 'audit.json']);

    assert.equal((await fetch(stack.url('ingest', '/v1/reports/00000000-0000-7000-8000-000000000000'))).status, 404);
    assert.equal((await fetch(stack.url('ingest', '/v1/reports/not-an-id'))).status, 400);
  });

  it('serves the OpenAPI document', async () => {
    const response = await fetch(stack.url('ingest', '/openapi.json'));
    const document = (await response.json()) as { paths: Record<string, { post?: { requestBody: { content: Record<string, unknown> } } }> };
    assert.equal(response.status, 200);
    assert.ok(document.paths['/v1/reports']?.post?.requestBody.content['multipart/form-data']);
  });
});
