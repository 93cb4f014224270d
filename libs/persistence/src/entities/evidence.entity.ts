import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** One tool's sighting of a finding, and the dedup rule and key that attached it. */
@Entity({ name: 'evidences' })
@Unique('evidences_sighting_key', ['sightingKey'])
@Index('evidences_finding_idx', ['findingId'])
@Index('evidences_scope_idx', ['asset', 'toolName', 'scope'])
export class EvidenceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'finding_id' })
  findingId!: string;

  @Column({ type: 'text', name: 'sighting_key' })
  sightingKey!: string;

  @Column({ type: 'text', name: 'tool_name' })
  toolName!: string;

  @Column({ type: 'text', name: 'tool_version', nullable: true })
  toolVersion!: string | null;

  @Column({ type: 'text' })
  asset!: string;

  @Column({ type: 'text', default: '' })
  scope!: string;

  @Column({ type: 'uuid', name: 'report_id' })
  reportId!: string;

  @Column({ type: 'text', name: 'rule_id', nullable: true })
  ruleId!: string | null;

  @Column({ type: 'text' })
  severity!: string;

  @Column({ type: 'text', name: 'tool_severity', nullable: true })
  toolSeverity!: string | null;

  @Column({ type: 'text', nullable: true })
  fingerprint!: string | null;

  @Column({ type: 'jsonb' })
  location!: Record<string, unknown>;

  /** Location of the sighting inside the stored report, for example a JSON pointer. */
  @Column({ type: 'text', name: 'source_pointer' })
  sourcePointer!: string;

  @Column({ type: 'text', name: 'match_rule' })
  matchRule!: string;

  @Column({ type: 'text', name: 'matched_key' })
  matchedKey!: string;

  /** False once a complete scan of the same tool and scope no longer reports it. */
  @Column({ type: 'boolean', default: true })
  present!: boolean;

  @Column({ type: 'timestamptz', name: 'first_observed_at' })
  firstObservedAt!: Date;

  @Column({ type: 'timestamptz', name: 'observed_at' })
  observedAt!: Date;

  /** Version of the identity or correlation rules that attached the evidence. */
  @Column({ type: 'integer', name: 'match_version', nullable: true })
  matchVersion!: number | null;

  /** Match record: the shared key, or the correlation rule's reason and both sightings' fields. */
  @Column({ type: 'jsonb', name: 'match_detail', nullable: true })
  matchDetail!: Record<string, unknown> | null;

  /** Lookup key of correlation candidates: the asset with its file, endpoint, control or package. */
  @Column({ type: 'text', name: 'correlation_block', nullable: true })
  correlationBlock!: string | null;

  /** The fields the correlation rules compare, kept so stored sightings can be compared with new ones. */
  @Column({ type: 'jsonb', name: 'correlation_input', nullable: true })
  correlationInput!: Record<string, unknown> | null;

  @Column({ type: 'text', name: 'identity_keys', array: true, default: () => "'{}'" })
  identityKeys!: string[];

  /** Complete scans in a row of the same tool and scope that did not report the sighting. */
  @Column({ type: 'integer', name: 'missed_scans', default: 0 })
  missedScans!: number;

  /** Hash of the sighting's content, so an unchanged sighting is confirmed without rewriting the finding. */
  @Column({ type: 'text', name: 'content_hash', nullable: true })
  contentHash!: string | null;
}
