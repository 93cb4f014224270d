import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event id that a handler has applied, recorded in the same transaction as the handler's writes. */
@Entity({ name: 'processed_events' })
export class ProcessedEventEntity {
  @PrimaryColumn({ type: 'text' })
  handler!: string;

  @PrimaryColumn({ type: 'text', name: 'event_id' })
  eventId!: string;

  @Column({ type: 'timestamptz', name: 'processed_at', default: () => 'now()' })
  processedAt!: Date;
}
