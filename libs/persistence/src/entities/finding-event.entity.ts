import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One state change of a finding, with who or what made it and why. */
@Entity({ name: 'finding_events' })
@Index('finding_events_finding_idx', ['findingId', 'occurredAt'])
export class FindingEventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'finding_id' })
  findingId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text', name: 'from_status', nullable: true })
  fromStatus!: string | null;

  @Column({ type: 'text', name: 'to_status', nullable: true })
  toStatus!: string | null;

  @Column({ type: 'text' })
  cause!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'uuid', name: 'report_id', nullable: true })
  reportId!: string | null;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;
}
