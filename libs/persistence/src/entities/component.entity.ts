import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An SBOM entry of an asset, keyed by its package URL. */
@Entity({ name: 'components' })
export class ComponentEntity {
  @PrimaryColumn({ type: 'text' })
  asset!: string;

  @PrimaryColumn({ type: 'text' })
  purl!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  version!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  licenses!: string[];

  /** True for a direct dependency, false for a transitive one, null when the report does not state it. */
  @Column({ type: 'boolean', nullable: true })
  direct!: boolean | null;

  @Column({ type: 'uuid', name: 'report_id' })
  reportId!: string;

  @Column({ type: 'timestamptz', name: 'observed_at' })
  observedAt!: Date;
}
