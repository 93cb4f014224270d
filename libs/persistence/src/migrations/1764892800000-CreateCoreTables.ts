import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Canonical state of the pipeline: stored reports and their scans, assets,
 * canonical findings with the keys that identify them, evidence per tool
 * sighting, finding events, SBOM components, vulnerability intel and the
 * record of handled events that makes redelivery harmless.
 */
export class CreateCoreTables1764892800000 implements MigrationInterface {
  name = 'CreateCoreTables1764892800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY,
        sha256 text NOT NULL,
        asset text NOT NULL,
        scope text NOT NULL DEFAULT '',
        tool_hint text,
        commit_sha text,
        source_name text,
        size_bytes bigint NOT NULL,
        content_gzip bytea NOT NULL,
        received_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'received',
        format text,
        tool_name text,
        tool_version text,
        complete boolean,
        finding_count integer,
        error jsonb,
        warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
        parsed_at timestamptz,
        CONSTRAINT reports_content_key UNIQUE (sha256, asset, scope)
      )`);

    await queryRunner.query(`
      CREATE TABLE assets (
        name text PRIMARY KEY,
        kind text,
        owner text,
        owner_source text,
        exposure text,
        exposure_source text,
        data_classes text[] NOT NULL DEFAULT '{}',
        data_classes_source text,
        criticality text,
        criticality_source text,
        system text,
        lifecycle text,
        images text[] NOT NULL DEFAULT '{}',
        code_owners jsonb NOT NULL DEFAULT '[]'::jsonb,
        code_owners_source text,
        first_seen timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE findings (
        id uuid PRIMARY KEY,
        identity_key text NOT NULL,
        identity_version integer NOT NULL,
        asset text NOT NULL,
        category text NOT NULL,
        title text NOT NULL,
        description text,
        rule_id text,
        cwes text[] NOT NULL DEFAULT '{}',
        vulnerability_ids text[] NOT NULL DEFAULT '{}',
        package_purl text,
        package_ecosystem text,
        package_name text,
        package_version text,
        fixed_versions text[] NOT NULL DEFAULT '{}',
        location jsonb NOT NULL,
        severity text NOT NULL,
        tool_severity text,
        cvss jsonb,
        secret_sha256 text,
        secret_preview text,
        status text NOT NULL,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        fixed_at timestamptz,
        reopen_count integer NOT NULL DEFAULT 0,
        owner text,
        owner_source text,
        exposure text,
        exposure_source text,
        data_classes text[] NOT NULL DEFAULT '{}',
        criticality text,
        kev jsonb,
        enriched_at timestamptz,
        score double precision,
        priority text,
        score_factors jsonb,
        reasons text[] NOT NULL DEFAULT '{}',
        policy_version text,
        scored_at timestamptz,
        CONSTRAINT findings_identity_key UNIQUE (identity_key)
      )`);
    await queryRunner.query(`CREATE INDEX findings_asset_idx ON findings (asset)`);
    await queryRunner.query(`CREATE INDEX findings_queue_idx ON findings (score DESC NULLS LAST)`);

    await queryRunner.query(`
      CREATE TABLE finding_keys (
        key text PRIMARY KEY,
        finding_id uuid NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
        rule text NOT NULL,
        rule_version integer NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX finding_keys_finding_idx ON finding_keys (finding_id)`);

    await queryRunner.query(`
      CREATE TABLE evidences (
        id uuid PRIMARY KEY,
        finding_id uuid NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
        sighting_key text NOT NULL,
        tool_name text NOT NULL,
        tool_version text,
        asset text NOT NULL,
        scope text NOT NULL DEFAULT '',
        report_id uuid NOT NULL,
        rule_id text,
        severity text NOT NULL,
        tool_severity text,
        fingerprint text,
        location jsonb NOT NULL,
        source_pointer text NOT NULL,
        match_rule text NOT NULL,
        matched_key text NOT NULL,
        present boolean NOT NULL DEFAULT true,
        first_observed_at timestamptz NOT NULL,
        observed_at timestamptz NOT NULL,
        CONSTRAINT evidences_sighting_key UNIQUE (sighting_key)
      )`);
    await queryRunner.query(`CREATE INDEX evidences_finding_idx ON evidences (finding_id)`);
    await queryRunner.query(`CREATE INDEX evidences_scope_idx ON evidences (asset, tool_name, scope)`);

    await queryRunner.query(`
      CREATE TABLE finding_events (
        id uuid PRIMARY KEY,
        finding_id uuid NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
        type text NOT NULL,
        from_status text,
        to_status text,
        cause text NOT NULL,
        actor text NOT NULL,
        report_id uuid,
        occurred_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX finding_events_finding_idx ON finding_events (finding_id, occurred_at)`);

    await queryRunner.query(`
      CREATE TABLE components (
        asset text NOT NULL,
        purl text NOT NULL,
        name text NOT NULL,
        version text,
        licenses text[] NOT NULL DEFAULT '{}',
        direct boolean,
        report_id uuid NOT NULL,
        observed_at timestamptz NOT NULL,
        PRIMARY KEY (asset, purl)
      )`);

    await queryRunner.query(`
      CREATE TABLE vulnerability_intel (
        vulnerability_id text PRIMARY KEY,
        kev jsonb,
        epss jsonb,
        source text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);

    await queryRunner.query(`
      CREATE TABLE report_progress (
        report_id uuid PRIMARY KEY,
        findings_deduplicated integer NOT NULL DEFAULT 0,
        pending_closure jsonb
      )`);

    await queryRunner.query(`
      CREATE TABLE processed_events (
        handler text NOT NULL,
        event_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (handler, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['processed_events', 'report_progress', 'vulnerability_intel', 'components', 'finding_events', 'evidences', 'finding_keys', 'findings', 'assets', 'reports']) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
