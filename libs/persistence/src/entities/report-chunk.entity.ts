import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One gzip member of a stored report. The members in `seq` order, joined,
 * are one valid gzip stream of the redacted report.
 */
@Entity({ name: 'report_chunks' })
export class ReportChunkEntity {
  @PrimaryColumn({ type: 'uuid', name: 'report_id' })
  reportId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'bytea', name: 'content_gzip' })
  contentGzip!: Buffer;
}
