import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records each split a person made: which sighting left which finding for
 * which new one. Dedup reads it so the same sighting never merges back.
 */
export class RecordFindingSplits1765000000001 implements MigrationInterface {
  name = 'RecordFindingSplits1765000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE finding_splits (
        id uuid PRIMARY KEY,
        sighting_key text NOT NULL,
        evidence_id uuid NOT NULL,
        from_finding_id uuid NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
        to_finding_id uuid NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
        actor text NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX finding_splits_sighting_idx ON finding_splits (sighting_key)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS finding_splits`);
  }
}
