import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { REPO_ROOT } from './samples.js';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from './test-database.js';

export const SERVICES = ['ingest', 'normalize', 'dedup', 'enrich', 'score', 'report'] as const;
export type ServiceName = (typeof SERVICES)[number];

const KAFKA = '127.0.0.1:9092';
const REGISTRY = 'http://127.0.0.1:8081/apis/ccompat/v7';
const OPENSEARCH = 'http://127.0.0.1:9200';

export interface StackOptions {
  /** Services to start, by default all six. */
  services?: readonly ServiceName[];
  /** Extra environment variables for every service, for example SIEVE_INGEST_MAX_BYTES. */
  env?: Record<string, string>;
}

/**
 * The six services (or some of them) as separate processes on a private
 * database schema, topic prefix and OpenSearch alias, so a test file shares
 * nothing with other runs and removes everything it made.
 */
export class StackHarness {
  readonly prefix = `e2e${randomBytes(4).toString('hex')}.`;
  readonly alias = `sieve-e2e-${randomBytes(4).toString('hex')}`;
  readonly ports = new Map<ServiceName, number>();
  private readonly processes = new Map<ServiceName, ChildProcess>();
  private readonly logs = new Map<ServiceName, string[]>();
  database!: TestDatabase;
  private readonly services: readonly ServiceName[];
  private readonly extraEnv: Record<string, string>;

  constructor(options: StackOptions = {}) {
    this.services = options.services ?? SERVICES;
    this.extraEnv = options.env ?? {};
  }

  async start(): Promise<void> {
    await assertInfrastructure();
    this.database = await createTestDatabase();
    const provision = spawnSync(process.execPath, ['--import', 'tsx', 'deploy/local/provision.ts'], { cwd: REPO_ROOT, env: this.env(0), encoding: 'utf8' });
    if (provision.status !== 0) {
      throw new Error(`provisioning failed:\n${provision.stderr}\n${provision.stdout.slice(-2000)}`);
    }
    for (const service of this.services) {
      this.ports.set(service, await freePort());
      this.startService(service);
    }
    await Promise.all(this.services.map((service) => this.waitReady(service, 300_000)));
  }

  startService(service: ServiceName): void {
    const child = spawn(process.execPath, ['--import', 'tsx', join('services', service, 'src', 'main.ts')], {
      cwd: REPO_ROOT,
      env: this.env(this.ports.get(service)!),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    this.logs.set(service, lines);
    const keep = (chunk: Buffer) => {
      lines.push(chunk.toString('utf8'));
      if (lines.length > 200) lines.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.processes.set(service, child);
  }

  /** Stops a service the hard way, as a crash or an OOM kill would. */
  kill(service: ServiceName): Promise<void> {
    const child = this.processes.get(service);
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** Process id of a running service, for reading its CPU time and memory from /proc. */
  pid(service: ServiceName): number | undefined {
    return this.processes.get(service)?.pid;
  }

  url(service: ServiceName, path: string): string {
    return `http://127.0.0.1:${this.ports.get(service)}${path}`;
  }

  async waitReady(service: ServiceName, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const child = this.processes.get(service);
      if (child?.exitCode !== null && child?.exitCode !== undefined) {
        throw new Error(`${service} exited with ${child.exitCode}:\n${this.logs.get(service)?.join('').slice(-3000)}`);
      }
      const ready = await fetch(this.url(service, '/readyz')).then((r) => r.ok, () => false);
      if (ready) return;
      if (Date.now() > deadline) {
        throw new Error(`${service} not ready after ${timeoutMs} ms:\n${this.logs.get(service)?.join('').slice(-3000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.processes.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await this.deleteTopics();
    await fetch(`${OPENSEARCH}/${this.alias}-v*`, { method: 'DELETE' }).catch(() => undefined);
    await this.database?.drop();
  }

  /** Runs a script of the repository with this stack's environment and returns what it printed. */
  runScript(script: string, args: string[] = []): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, env: this.env(0), encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  kafka(): Kafka {
    return new Kafka({ clientId: `e2e-${this.prefix}`, brokers: [KAFKA], logLevel: logLevel.NOTHING });
  }

  private async deleteTopics(): Promise<void> {
    const admin = this.kafka().admin();
    await admin.connect();
    try {
      const mine = (await admin.listTopics()).filter((topic) => topic.startsWith(this.prefix));
      if (mine.length > 0) await admin.deleteTopics({ topics: mine });
    } finally {
      await admin.disconnect();
    }
  }

  private env(port: number): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NODE_ENV: 'test',
      SIEVE_HTTP_PORT: String(port),
      SIEVE_HTTP_HOST: '127.0.0.1',
      SIEVE_LOG_LEVEL: 'warn',
      SIEVE_DATABASE_URL: testDatabaseUrl(),
      SIEVE_DATABASE_SCHEMA: this.database.schema,
      SIEVE_KAFKA_BROKERS: KAFKA,
      SIEVE_SCHEMA_REGISTRY_URL: REGISTRY,
      SIEVE_TOPIC_PREFIX: this.prefix,
      SIEVE_OPENSEARCH_URL: OPENSEARCH,
      SIEVE_OPENSEARCH_ALIAS: this.alias,
      ...this.extraEnv,
    };
  }
}

async function assertInfrastructure(): Promise<void> {
  const checks = [
    ['Kafka', () => portOpen(9092)],
    ['the schema registry', () => fetch(`${REGISTRY}/subjects`).then((r) => r.ok)],
    ['OpenSearch', () => fetch(`${OPENSEARCH}/_cluster/health`).then((r) => r.ok)],
  ] as const;
  for (const [name, check] of checks) {
    const up = await check().catch(() => false);
    if (!up) throw new Error(`${name} is not running on 127.0.0.1; start it with deploy/local/infra.sh up (npm test does this itself)`);
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
