import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An asset (repository, service, image, API, host) with its context. Each
 * context value keeps the name of the source that set it, so a person's
 * value is not overwritten by a catalogue import.
 */
@Entity({ name: 'assets' })
export class AssetEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  kind!: string | null;

  @Column({ type: 'text', nullable: true })
  owner!: string | null;

  @Column({ type: 'text', name: 'owner_source', nullable: true })
  ownerSource!: string | null;

  @Column({ type: 'text', nullable: true })
  exposure!: string | null;

  @Column({ type: 'text', name: 'exposure_source', nullable: true })
  exposureSource!: string | null;

  @Column({ type: 'text', name: 'data_classes', array: true, default: () => "'{}'" })
  dataClasses!: string[];

  @Column({ type: 'text', name: 'data_classes_source', nullable: true })
  dataClassesSource!: string | null;

  @Column({ type: 'text', nullable: true })
  criticality!: string | null;

  @Column({ type: 'text', name: 'criticality_source', nullable: true })
  criticalitySource!: string | null;

  @Column({ type: 'text', nullable: true })
  system!: string | null;

  @Column({ type: 'text', nullable: true })
  lifecycle!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  images!: string[];

  @Column({ type: 'jsonb', name: 'code_owners', default: () => "'[]'::jsonb" })
  codeOwners!: unknown[];

  @Column({ type: 'text', name: 'code_owners_source', nullable: true })
  codeOwnersSource!: string | null;

  /** Runtime sensor observations, in the shape of `RuntimeObservation` on the asset context topic. */
  @Column({ type: 'jsonb', name: 'runtime_observations', default: () => "'[]'::jsonb" })
  runtimeObservations!: unknown[];

  @Column({ type: 'timestamptz', name: 'first_seen', default: () => 'now()' })
  firstSeen!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
