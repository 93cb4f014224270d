import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A stored scanner report, addressed by SHA-256, and the outcome of parsing it. Its redacted bytes are in report_chunks. */
@Entity({ name: 'reports' })
@Unique('reports_content_key', ['sha256', 'asset', 'scope'])
export class ReportEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'text' })
  asset!: string;

  @Column({ type: 'text', default: '' })
  scope!: string;

  @Column({ type: 'text', name: 'tool_hint', nullable: true })
  toolHint!: string | null;

  @Column({ type: 'text', name: 'commit_sha', nullable: true })
  commitSha!: string | null;

  @Column({ type: 'text', name: 'source_name', nullable: true })
  sourceName!: string | null;

  /** Size of the report as received, before redaction and compression. node-postgres returns bigint as a string. */
  @Column({ type: 'bigint', name: 'size_bytes' })
  sizeBytes!: string;

  @Column({ type: 'timestamptz', name: 'received_at' })
  receivedAt!: Date;

  @Column({ type: 'text', default: 'received' })
  status!: string;

  @Column({ type: 'text', nullable: true })
  format!: string | null;

  @Column({ type: 'text', name: 'tool_name', nullable: true })
  toolName!: string | null;

  @Column({ type: 'text', name: 'tool_version', nullable: true })
  toolVersion!: string | null;

  @Column({ type: 'boolean', nullable: true })
  complete!: boolean | null;

  @Column({ type: 'integer', name: 'finding_count', nullable: true })
  findingCount!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  error!: { code: string; message: string; location: string | null } | null;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  warnings!: Array<{ message: string; location: string | null }>;

  @Column({ type: 'timestamptz', name: 'parsed_at', nullable: true })
  parsedAt!: Date | null;
}
