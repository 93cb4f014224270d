import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adds what scoring policy version 2 reads and writes: the exploit and
 * reachability hints that reports carry, the enrich stage's EPSS,
 * reachability and blast radius with their sources, the SSVC decision and
 * the SLA due date, and the runtime observations of each asset.
 *
 * The due date is a calendar day in UTC kept as text, because the two
 * database drivers turn a `date` into JavaScript dates in different time
 * zones.
 */
export class AddRiskContext1764990000000 implements MigrationInterface {
  name = 'AddRiskContext1764990000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE findings
        ADD COLUMN exploit_hint text,
        ADD COLUMN reachability_hint jsonb,
        ADD COLUMN vex_justification text,
        ADD COLUMN data_classes_source text,
        ADD COLUMN criticality_source text,
        ADD COLUMN epss jsonb,
        ADD COLUMN reachability text NOT NULL DEFAULT 'unknown',
        ADD COLUMN reachability_source text,
        ADD COLUMN reachability_reason text,
        ADD COLUMN blast_radius integer,
        ADD COLUMN ssvc jsonb,
        ADD COLUMN sla_due_date text CHECK (sla_due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')`);
    await queryRunner.query(`CREATE INDEX findings_package_idx ON findings (package_ecosystem, package_name, package_version)`);
    await queryRunner.query(`ALTER TABLE assets ADD COLUMN runtime_observations jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE assets DROP COLUMN runtime_observations`);
    await queryRunner.query(`DROP INDEX findings_package_idx`);
    await queryRunner.query(`
      ALTER TABLE findings
        DROP COLUMN exploit_hint, DROP COLUMN reachability_hint, DROP COLUMN vex_justification,
        DROP COLUMN data_classes_source, DROP COLUMN criticality_source, DROP COLUMN epss,
        DROP COLUMN reachability, DROP COLUMN reachability_source, DROP COLUMN reachability_reason,
        DROP COLUMN blast_radius, DROP COLUMN ssvc, DROP COLUMN sla_due_date`);
  }
}
