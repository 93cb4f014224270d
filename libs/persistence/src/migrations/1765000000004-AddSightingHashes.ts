import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stores a hash of what the tool reported in each evidence's last sighting,
 * so dedup can recognise an unchanged sighting and only confirm it instead
 * of rewriting its finding and evidence.
 *
 * Every rescan updates each confirmed evidence (its report) and finding (its
 * last_seen). A fill factor of 70 leaves room in each page, so those updates
 * can stay on the page and skip index maintenance (heap-only tuples, since
 * none of the updated columns is indexed). It applies to pages written from
 * now on.
 */
export class AddSightingHashes1765000000004 implements MigrationInterface {
  name = 'AddSightingHashes1765000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE evidences ADD COLUMN content_hash text`);
    await queryRunner.query(`ALTER TABLE evidences SET (fillfactor = 70)`);
    await queryRunner.query(`ALTER TABLE findings SET (fillfactor = 70)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE findings RESET (fillfactor)`);
    await queryRunner.query(`ALTER TABLE evidences RESET (fillfactor)`);
    await queryRunner.query(`ALTER TABLE evidences DROP COLUMN content_hash`);
  }
}
