import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { TOPIC_NAMES } from '@sieve/contracts';
import { createLogger } from '@sieve/telemetry';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '@sieve/testing';
import { EmbeddedPipeline } from '../embedded-pipeline.js';
import { secretSamples, type SecretSample } from '../testing/secret-samples.js';
import { unmaskedTrivySamples } from '../testing/unmasked-trivy-samples.js';

// Shorter values ("admin", "key") also occur as ordinary words in titles and
// paths, so a match on them would not show a leak. Eight characters keep
// every secret of the samples except the parts of one basic-auth URL, which
// is itself checked whole.
const MIN_SECRET_CHARS = 8;

// PEM armour lines are the same in every key of a kind, so they are no secret.
const PEM_ARMOUR = /^-----(BEGIN|END) [A-Z0-9 ]+-----$/;

interface Sink {
  name: string;
  text: string;
}

/** Text forms a stored or sent secret can take: as written, and escaped inside JSON. */
function needlesOf(samples: SecretSample[]): string[] {
  const values = samples.flatMap((sample) => sample.values);
  const pieces = values.flatMap((value) => [value, ...value.split(/\r?\n/).map((line) => line.trim())]);
  const forms = pieces.filter((piece) => piece.length >= MIN_SECRET_CHARS && !PEM_ARMOUR.test(piece)).flatMap((piece) => [piece, JSON.stringify(piece).slice(1, -1)]);
  return [...new Set(forms)];
}

// Avro `bytes` fields decode to Buffers, which JSON.stringify would turn into
// arrays of numbers and so hide any text in them.
function messageText(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) => {
    if (typeof field === 'bigint') return field.toString();
    if (field !== null && typeof field === 'object' && (field as { type?: unknown }).type === 'Buffer') return Buffer.from((field as { data: number[] }).data).toString('utf8');
    return field;
  });
}

async function tableSinks(pipeline: EmbeddedPipeline, schema: string): Promise<Sink[]> {
  const tables = await pipeline.dataSource.query<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [schema],
  );
  const sinks: Sink[] = [];
  for (const { table_name: table } of tables) {
    const rows = await pipeline.dataSource.query<{ row: string; json: string }[]>(`SELECT t::text AS row, to_jsonb(t)::text AS json FROM "${schema}"."${table}" t`);
    sinks.push({ name: `table ${table}`, text: rows.map((r) => `${r.row}\n${r.json}`).join('\n') });
  }
  return sinks;
}

async function storedReportSinks(pipeline: EmbeddedPipeline, schema: string): Promise<Sink[]> {
  // The members of one report are joined first, so a secret that straddles two of them is still seen.
  const rows = await pipeline.dataSource.query<{ source_name: string; content_gzip: Buffer }[]>(
    `SELECT r.source_name, string_agg(c.content_gzip, ''::bytea ORDER BY c.seq) AS content_gzip
     FROM "${schema}".reports r JOIN "${schema}".report_chunks c ON c.report_id = r.id GROUP BY r.id, r.source_name`,
  );
  return rows.map((row) => ({ name: `stored report ${row.source_name}`, text: gunzipSync(row.content_gzip).toString('utf8') }));
}

describe('secret values from secret-scanner samples', () => {
  let db: TestDatabase;
  let samples: SecretSample[];
  let needles: string[];
  const sinks: Sink[] = [];
  const busMessages: string[] = [];
  const logLines: string[] = [];
  let secretFindings = 0;
  let storedReports = 0;

  before(async () => {
    db = await createTestDatabase();
    // Trivy masks every secret of its samples, so reports rebuilt with
    // invented values in place of the masks stand for unmasked Trivy output.
    samples = [...secretSamples(), ...unmaskedTrivySamples()];
    needles = needlesOf(samples);

    const logger = createLogger({ service: 'secret-survival', level: 'debug', destination: { write: (line: string) => void logLines.push(line) } });
    const pipeline = await EmbeddedPipeline.start({ database: { kind: 'postgres', url: testDatabaseUrl(), schema: db.schema }, logger });
    try {
      // Subscribed last, so the tap receives every message after the stages have taken it.
      pipeline.bus.subscribe({
        group: 'secret-tap',
        topics: [...TOPIC_NAMES],
        handler: async (messages) => {
          for (const message of messages) busMessages.push(`${message.topic} ${messageText(message.headers)} ${messageText(message.value)}`);
        },
      });
      for (const sample of samples) {
        await pipeline.submit({ bytes: sample.bytes, asset: 'secret-samples', assetSource: 'submitter', sourceName: `${sample.folder}/${sample.file}` });
        await pipeline.drain();
      }

      const queue = await pipeline.queue();
      secretFindings = queue.filter((finding) => finding.category === 'secret').length;
      sinks.push({ name: 'queue', text: messageText(queue) });
      sinks.push(...(await tableSinks(pipeline, db.schema)));
      const reports = await storedReportSinks(pipeline, db.schema);
      storedReports = reports.length;
      sinks.push(...reports);
    } finally {
      await pipeline.close();
    }
    sinks.push({ name: 'bus messages', text: busMessages.join('\n') });
    sinks.push({ name: 'log lines', text: logLines.join('') });
  });

  after(async () => {
    await db.drop();
  });

  it('covers every secret-bearing format', () => {
    const folders = new Set(samples.map((sample) => sample.folder));
    for (const folder of ['gitleaks-json', 'trufflehog-jsonl', 'trivy-json', 'gitlab-sast', 'sarif']) {
      assert.ok(folders.has(folder), `no secret-bearing sample read from ${folder}`);
    }
    assert.ok(needles.length >= 10, `expected at least 10 secret forms, got ${needles.length}`);
  });

  it('reads unmasked Trivy secrets', () => {
    const unmasked = samples.filter((sample) => sample.folder === 'trivy-json' && sample.values.length > 0);
    assert.ok(unmasked.length >= 3, `expected 3 Trivy reports with unmasked secrets, got ${unmasked.length}`);
    for (const sample of unmasked) {
      const text = sample.bytes.toString('utf8');
      for (const line of sample.values.flatMap((value) => value.split('\n'))) {
        assert.ok(text.includes(line), `${sample.file} does not contain its secret line ${JSON.stringify(line.slice(0, 8))}…`);
      }
    }
  });

  it('reaches every stage', () => {
    assert.equal(storedReports, samples.length);
    assert.ok(busMessages.some((message) => message.startsWith('sieve.finding.scored.v1')), 'no scored finding crossed the bus');
    assert.ok(secretFindings > 0, 'queue holds no secret finding');
  });

  it('leaves no secret in any sink', () => {
    const leaks: string[] = [];
    for (const sink of sinks) {
      for (const needle of needles) {
        if (sink.text.includes(needle)) leaks.push(`${sink.name}: ${JSON.stringify(needle)}`);
      }
    }
    assert.deepEqual(leaks, []);
  });
});
