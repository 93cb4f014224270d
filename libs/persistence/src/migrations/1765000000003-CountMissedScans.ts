import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counts the complete scans in a row that no longer confirmed an evidence,
 * so closing can wait for several absences instead of one.
 */
export class CountMissedScans1765000000003 implements MigrationInterface {
  name = 'CountMissedScans1765000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE evidences ADD COLUMN missed_scans integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE evidences DROP COLUMN missed_scans`);
  }
}
