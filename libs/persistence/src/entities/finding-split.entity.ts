import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person's decision that one sighting is not the finding it was merged into; dedup never merges it back. */
@Entity({ name: 'finding_splits' })
@Index('finding_splits_sighting_idx', ['sightingKey'])
export class FindingSplitEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text', name: 'sighting_key' })
  sightingKey!: string;

  @Column({ type: 'uuid', name: 'evidence_id' })
  evidenceId!: string;

  @Column({ type: 'uuid', name: 'from_finding_id' })
  fromFindingId!: string;

  @Column({ type: 'uuid', name: 'to_finding_id' })
  toFindingId!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
