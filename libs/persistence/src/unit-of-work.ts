import type { DataSource } from 'typeorm';
import type { Queryable } from './queryable.js';
import { AssetRepository } from './repositories/asset.repository.js';
import { ComponentRepository } from './repositories/component.repository.js';
import { EvidenceRepository } from './repositories/evidence.repository.js';
import { FindingContextRepository } from './repositories/finding-context.repository.js';
import { FindingEventRepository } from './repositories/finding-event.repository.js';
import { FindingKeyRepository } from './repositories/finding-key.repository.js';
import { FindingSplitRepository } from './repositories/finding-split.repository.js';
import { FindingTriageRepository } from './repositories/finding-triage.repository.js';
import { FindingRepository } from './repositories/finding.repository.js';
import { IdentityRekeyRepository } from './repositories/identity-rekey.repository.js';
import { IntelRepository } from './repositories/intel.repository.js';
import { ProcessedEventRepository } from './repositories/processed-event.repository.js';
import { QueueQuery } from './repositories/queue.query.js';
import { ReportRepository } from './repositories/report.repository.js';

/** Every repository bound to one transaction, so a handler's writes commit or roll back together. */
export class Repositories {
  readonly reports: ReportRepository;
  readonly findings: FindingRepository;
  readonly findingKeys: FindingKeyRepository;
  readonly evidences: EvidenceRepository;
  readonly findingEvents: FindingEventRepository;
  readonly findingSplits: FindingSplitRepository;
  readonly findingTriage: FindingTriageRepository;
  readonly findingContext: FindingContextRepository;
  readonly assets: AssetRepository;
  readonly intel: IntelRepository;
  readonly components: ComponentRepository;
  readonly processedEvents: ProcessedEventRepository;
  readonly queue: QueueQuery;
  readonly identityRekey: IdentityRekeyRepository;

  constructor(source: Queryable) {
    const db = rowsOnly(source);
    this.reports = new ReportRepository(db);
    this.findings = new FindingRepository(db);
    this.findingKeys = new FindingKeyRepository(db);
    this.evidences = new EvidenceRepository(db);
    this.findingEvents = new FindingEventRepository(db);
    this.findingSplits = new FindingSplitRepository(db);
    this.findingTriage = new FindingTriageRepository(db);
    this.findingContext = new FindingContextRepository(db);
    this.assets = new AssetRepository(db);
    this.intel = new IntelRepository(db);
    this.components = new ComponentRepository(db);
    this.processedEvents = new ProcessedEventRepository(db);
    this.queue = new QueueQuery(db);
    this.identityRekey = new IdentityRekeyRepository(db);
  }
}

/**
 * TypeORM returns [rows, affectedCount] for an UPDATE or DELETE instead of the
 * rows alone, and repositories always want the rows. A SELECT row is never an
 * array, so the shape is unambiguous.
 */
function rowsOnly(source: Queryable): Queryable {
  return {
    async query<T>(sql: string, parameters?: unknown[]): Promise<T[]> {
      const result: unknown = await source.query(sql, parameters);
      if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
        return result[0] as T[];
      }
      return result as T[];
    },
  };
}

/** Runs work in one database transaction with repositories bound to it. */
export class UnitOfWork {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new Repositories(manager as unknown as Queryable)));
  }
}
