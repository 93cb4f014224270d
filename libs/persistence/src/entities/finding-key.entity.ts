import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One identity key of a canonical finding, with the dedup rule (and its version) that produced it. */
@Entity({ name: 'finding_keys' })
@Index('finding_keys_finding_idx', ['findingId'])
export class FindingKeyEntity {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'uuid', name: 'finding_id' })
  findingId!: string;

  @Column({ type: 'text' })
  rule!: string;

  @Column({ type: 'integer', name: 'rule_version' })
  ruleVersion!: number;
}
