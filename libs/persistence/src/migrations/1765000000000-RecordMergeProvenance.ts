import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records how each evidence joined its finding, and what dedup needs to
 * correlate new sightings with stored ones: the rule version and the details
 * of the match, the sighting's correlation block and the finding fields the
 * correlation rules read, and the identity keys the sighting produced (so a
 * split can move them to the new finding).
 */
export class RecordMergeProvenance1765000000000 implements MigrationInterface {
  name = 'RecordMergeProvenance1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE evidences
        ADD COLUMN match_version integer,
        ADD COLUMN match_detail jsonb,
        ADD COLUMN correlation_block text,
        ADD COLUMN correlation_input jsonb,
        ADD COLUMN identity_keys text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX evidences_correlation_block_idx ON evidences (correlation_block) WHERE correlation_block IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS evidences_correlation_block_idx`);
    await queryRunner.query(`
      ALTER TABLE evidences
        DROP COLUMN match_version,
        DROP COLUMN match_detail,
        DROP COLUMN correlation_block,
        DROP COLUMN correlation_input,
        DROP COLUMN identity_keys`);
  }
}
