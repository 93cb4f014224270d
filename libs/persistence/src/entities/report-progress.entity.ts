import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many findings of a report dedup has applied, and the closure of a
 * complete scan held back until all of them are applied.
 */
@Entity({ name: 'report_progress' })
export class ReportProgressEntity {
  @PrimaryColumn({ type: 'uuid', name: 'report_id' })
  reportId!: string;

  @Column({ type: 'integer', name: 'findings_deduplicated', default: 0 })
  findingsDeduplicated!: number;

  @Column({ type: 'jsonb', name: 'pending_closure', nullable: true })
  pendingClosure!: unknown;
}
