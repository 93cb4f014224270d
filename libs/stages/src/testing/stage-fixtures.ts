import type { NormalizedFinding, ParsedFinding } from '@sieve/contracts';
import { emptyLocation, newId } from '@sieve/domain';
import { after, before, beforeEach } from 'node:test';
import { Repositories, UnitOfWork } from '@sieve/persistence';
import { createTestDatabase, type TestDatabase } from '@sieve/testing';
import { silentLogger } from '@sieve/telemetry';
import type { DataSource } from 'typeorm';
import type { StageContext } from '../stage-context.js';

/** Creates a stage context on the given database with a clock the test moves by hand. */
export function testStageContext(dataSource: DataSource, start = new Date('2026-12-01T00:00:00Z')): StageContext & { advance(ms: number): void } {
  let now = start.getTime();
  return {
    unitOfWork: new UnitOfWork(dataSource),
    now: () => new Date(now),
    logger: silentLogger(),
    advance(ms: number) {
      now += ms;
    },
  };
}

/** Builds a parsed dependency-vulnerability finding; overrides replace single fields. */
export function dependencyFinding(overrides: Partial<ParsedFinding> = {}): ParsedFinding {
  return {
    tool: { name: 'trivy', version: '0.50.0' },
    category: 'container',
    title: 'glibc: buffer overflow',
    description: null,
    ruleId: 'CVE-2019-25013',
    fingerprint: null,
    cwes: [],
    vulnerabilityIds: ['CVE-2019-25013'],
    severity: 'high',
    toolSeverity: 'HIGH',
    cvss: [],
    package: { purl: 'pkg:deb/debian/libc6@2.28-10', ecosystem: 'deb', name: 'libc6', version: '2.28-10', fixedVersions: [] },
    location: emptyLocation(),
    secret: null,
    triage: null,
    exploitHint: null,
    reachabilityHint: null,
    references: [],
    sourcePointer: '/Results/0/Vulnerabilities/0',
    ...overrides,
  };
}

/** Builds a parsed static-analysis finding; overrides replace single fields. */
export function codeFinding(overrides: Partial<ParsedFinding> = {}): ParsedFinding {
  return {
    ...dependencyFinding(),
    tool: { name: 'semgrep', version: '1.97.0' },
    category: 'sast',
    title: 'SQL injection',
    ruleId: 'javascript.sql-injection',
    vulnerabilityIds: [],
    cwes: ['CWE-89'],
    severity: 'high',
    toolSeverity: 'ERROR',
    package: null,
    location: { ...emptyLocation(), path: 'src/db.js', startLine: 12, endLine: 12, snippetHash: 'a'.repeat(64) },
    sourcePointer: '/results/0',
    ...overrides,
  };
}

/** Wraps parsed findings into normalized-finding events of one report. */
export function normalizedEvents(reportId: string, asset: string, findings: ParsedFinding[], scope = ''): NormalizedFinding[] {
  return findings.map((finding, sequence) => ({ eventId: newId(), reportId, asset, scope, sequence, observedAt: Date.parse('2026-12-01T00:00:00Z'), finding }));
}

/** Stores an empty report of the asset and returns its id, for evidences and finding events to point at. */
export async function seedReport(repositories: Repositories, asset: string, scope = ''): Promise<string> {
  const { id } = await repositories.reports.insertIfAbsent({
    id: newId(),
    sha256: newId(),
    asset,
    scope,
    toolHint: null,
    commit: null,
    sourceName: null,
    sizeBytes: 1,
    receivedAt: new Date(),
  });
  return id;
}

/** The test file's database: a fresh schema on PostgreSQL, dropped after the file's tests. */
export interface DedupTestDatabase {
  db: TestDatabase;
  repositories: Repositories;
}

/**
 * Registers hooks that create the file's test database, empty the dedup
 * tables before each test, and drop the schema at the end. Read the returned
 * object's fields inside tests, after the hooks have run.
 */
export function useDedupTestDatabase(): DedupTestDatabase {
  const state = {} as DedupTestDatabase;
  before(async () => {
    state.db = await createTestDatabase();
    state.repositories = new Repositories(state.db.dataSource);
  });
  after(async () => {
    await state.db.drop();
  });
  beforeEach(async () => {
    await state.db.dataSource.query('TRUNCATE findings, finding_keys, evidences, finding_events, finding_splits, processed_events CASCADE');
  });
  return state;
}
