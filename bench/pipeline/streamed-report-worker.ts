// One measured run of ingest and normalize on one large report, on the real
// PostgreSQL server, in its own process so that GNU time gives its peak RSS.
// The normalized findings are Avro-encoded as the bus would, then dropped:
// what is measured is storing and reading the report, not the later stages.
// Prints one JSON line. Usage (run by run-streamed-report-bench.ts):
//   node --import tsx bench/pipeline/streamed-report-worker.ts <report-file>
import { AvroSerde, InProcessSchemaRegistry } from '@sieve/contracts';
import { UnitOfWork } from '@sieve/persistence';
import { IngestHandler, NormalizeHandler, type StageContext } from '@sieve/stages';
import { createLogger } from '@sieve/telemetry';
import { createTestDatabase } from '@sieve/testing';

const file = process.argv[2];
if (!file) throw new Error('usage: streamed-report-worker.ts <report-file>');

const db = await createTestDatabase();
try {
  const context: StageContext = { unitOfWork: new UnitOfWork(db.dataSource), now: () => new Date(), logger: createLogger({ service: 'bench', level: 'warn' }) };
  const serde = new AvroSerde(new InProcessSchemaRegistry());

  const started = performance.now();
  const submitted = await new IngestHandler(context).submit({ path: file, asset: 'bench', assetSource: 'submitter' });
  const ingested = performance.now();

  let findings = 0;
  let firstBatchAt: number | null = null;
  let parsedEvent: unknown = null;
  const event = submitted.messages[0]!.value as Parameters<NormalizeHandler['handle']>[0];
  await new NormalizeHandler(context).handle(event, async (batch) => {
    for (const message of batch) {
      await serde.encode(message.topic, message.value as never);
      if (message.topic === 'sieve.finding.normalized.v1') findings++;
      else parsedEvent = message.value;
    }
    if (findings > 0) firstBatchAt ??= performance.now();
  });
  const normalized = performance.now();

  const members = await db.dataSource.query<{ n: string; bytes: string }[]>(`SELECT count(*) AS n, sum(length(content_gzip)) AS bytes FROM report_chunks`);
  console.log(
    JSON.stringify({
      findings,
      status: (parsedEvent as { status?: string } | null)?.status ?? null,
      ingestSeconds: (ingested - started) / 1000,
      normalizeSeconds: (normalized - ingested) / 1000,
      firstBatchSeconds: firstBatchAt === null ? null : (firstBatchAt - ingested) / 1000,
      storedMembers: Number(members[0]?.n ?? 0),
      storedBytes: Number(members[0]?.bytes ?? 0),
    }),
  );
} finally {
  await db.drop();
}
