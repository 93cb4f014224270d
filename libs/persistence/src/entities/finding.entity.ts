import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * A canonical finding: identity, what was found and where, its lifecycle, the
 * context enrich attached and the score it was given. Evidences, keys and
 * events refer to it by id.
 */
@Entity({ name: 'findings' })
@Unique('findings_identity_key', ['identityKey'])
@Index('findings_asset_idx', ['asset'])
export class FindingEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text', name: 'identity_key' })
  identityKey!: string;

  @Column({ type: 'integer', name: 'identity_version' })
  identityVersion!: number;

  @Column({ type: 'text' })
  asset!: string;

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', name: 'rule_id', nullable: true })
  ruleId!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  cwes!: string[];

  @Column({ type: 'text', name: 'vulnerability_ids', array: true, default: () => "'{}'" })
  vulnerabilityIds!: string[];

  @Column({ type: 'text', name: 'package_purl', nullable: true })
  packagePurl!: string | null;

  @Column({ type: 'text', name: 'package_ecosystem', nullable: true })
  packageEcosystem!: string | null;

  @Column({ type: 'text', name: 'package_name', nullable: true })
  packageName!: string | null;

  @Column({ type: 'text', name: 'package_version', nullable: true })
  packageVersion!: string | null;

  @Column({ type: 'text', name: 'fixed_versions', array: true, default: () => "'{}'" })
  fixedVersions!: string[];

  @Column({ type: 'jsonb' })
  location!: Record<string, unknown>;

  @Column({ type: 'text' })
  severity!: string;

  @Column({ type: 'text', name: 'tool_severity', nullable: true })
  toolSeverity!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  cvss!: Record<string, unknown> | null;

  @Column({ type: 'text', name: 'secret_sha256', nullable: true })
  secretSha256!: string | null;

  /** First and last characters of a secret; the secret itself is never stored. */
  @Column({ type: 'text', name: 'secret_preview', nullable: true })
  secretPreview!: string | null;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'timestamptz', name: 'first_seen' })
  firstSeen!: Date;

  @Column({ type: 'timestamptz', name: 'last_seen' })
  lastSeen!: Date;

  @Column({ type: 'timestamptz', name: 'fixed_at', nullable: true })
  fixedAt!: Date | null;

  @Column({ type: 'integer', name: 'reopen_count', default: 0 })
  reopenCount!: number;

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

  @Column({ type: 'text', nullable: true })
  criticality!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  kev!: Record<string, unknown> | null;

  @Column({ type: 'text', name: 'data_classes_source', nullable: true })
  dataClassesSource!: string | null;

  @Column({ type: 'text', name: 'criticality_source', nullable: true })
  criticalitySource!: string | null;

  /** Exploit maturity a report states, as `<tool>:<maturity>`. */
  @Column({ type: 'text', name: 'exploit_hint', nullable: true })
  exploitHint!: string | null;

  /** A scanner's own verdict: `{reachable, source}`. */
  @Column({ type: 'jsonb', name: 'reachability_hint', nullable: true })
  reachabilityHint!: Record<string, unknown> | null;

  @Column({ type: 'text', name: 'vex_justification', nullable: true })
  vexJustification!: string | null;

  /** The highest EPSS score among the finding's ids; null when none was ever scored. */
  @Column({ type: 'jsonb', nullable: true })
  epss!: Record<string, unknown> | null;

  @Column({ type: 'text', default: 'unknown' })
  reachability!: string;

  @Column({ type: 'text', name: 'reachability_source', nullable: true })
  reachabilitySource!: string | null;

  @Column({ type: 'text', name: 'reachability_reason', nullable: true })
  reachabilityReason!: string | null;

  @Column({ type: 'integer', name: 'blast_radius', nullable: true })
  blastRadius!: number | null;

  @Column({ type: 'timestamptz', name: 'enriched_at', nullable: true })
  enrichedAt!: Date | null;

  /** Risk score from 0 to 100; null until the score stage has run. */
  @Column({ type: 'double precision', nullable: true })
  score!: number | null;

  @Column({ type: 'text', nullable: true })
  priority!: string | null;

  @Column({ type: 'jsonb', name: 'score_factors', nullable: true })
  scoreFactors!: Record<string, unknown> | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  reasons!: string[];

  @Column({ type: 'text', name: 'policy_version', nullable: true })
  policyVersion!: string | null;

  /** The last decision a person recorded: status, reason, actor, approver and expiry. */
  @Column({ type: 'jsonb', nullable: true })
  triage!: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', name: 'triage_expires_at', nullable: true })
  triageExpiresAt!: Date | null;

  /** Tool-supplied fields a person set, which rescans leave alone. */
  @Column({ type: 'text', name: 'human_fields', array: true, default: () => "'{}'" })
  humanFields!: string[];

  @Column({ type: 'jsonb', nullable: true })
  ssvc!: Record<string, unknown> | null;

  /** Calendar day (UTC) as `YYYY-MM-DD`; text because the two drivers read `date` in different time zones. */
  @Column({ type: 'text', name: 'sla_due_date', nullable: true })
  slaDueDate!: string | null;

  @Column({ type: 'timestamptz', name: 'scored_at', nullable: true })
  scoredAt!: Date | null;
}
