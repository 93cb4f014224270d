import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moves report content into a table of gzip members, so a report of a
 * gigabyte is written and read a few megabytes at a time instead of as one
 * value. A stored report becomes its first and only member.
 */
export class StoreReportsInChunks1765000000006 implements MigrationInterface {
  name = 'StoreReportsInChunks1765000000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_chunks (
        report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        content_gzip bytea NOT NULL,
        PRIMARY KEY (report_id, seq)
      )`);
    await queryRunner.query(`INSERT INTO report_chunks (report_id, seq, content_gzip) SELECT id, 0, content_gzip FROM reports`);
    await queryRunner.query(`ALTER TABLE reports DROP COLUMN content_gzip`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE reports ADD COLUMN content_gzip bytea`);
    await queryRunner.query(`
      UPDATE reports SET content_gzip = joined.content
      FROM (SELECT report_id, string_agg(content_gzip, ''::bytea ORDER BY seq) AS content FROM report_chunks GROUP BY report_id) AS joined
      WHERE reports.id = joined.report_id`);
    await queryRunner.query(`ALTER TABLE reports ALTER COLUMN content_gzip SET NOT NULL`);
    await queryRunner.query(`DROP TABLE report_chunks`);
  }
}
