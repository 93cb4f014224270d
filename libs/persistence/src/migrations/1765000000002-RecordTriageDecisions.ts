import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records a person's triage decision on a finding (status, reason, actor,
 * approver and expiry of a risk acceptance), and which tool-supplied fields a
 * person changed, so rescans keep the person's value for those fields.
 */
export class RecordTriageDecisions1765000000002 implements MigrationInterface {
  name = 'RecordTriageDecisions1765000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE findings
        ADD COLUMN triage jsonb,
        ADD COLUMN triage_expires_at timestamptz,
        ADD COLUMN human_fields text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX findings_triage_expiry_idx ON findings (asset, triage_expires_at) WHERE triage_expires_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS findings_triage_expiry_idx`);
    await queryRunner.query(`ALTER TABLE findings DROP COLUMN triage, DROP COLUMN triage_expires_at, DROP COLUMN human_fields`);
  }
}
