import type { QueueRow } from '@sieve/persistence';

/** One finding in the public JSON output of `sieve run --format json` and the report API. */
export interface FindingView {
  id: string;
  rank: number;
  score: number | null;
  priority: string | null;
  severity: string;
  category: string;
  title: string;
  asset: string;
  owner: string | null;
  ownerSource: string | null;
  exposure: string | null;
  dataClasses: string[];
  criticality: string | null;
  kev: { vulnerabilityId: string; dateAdded: string; knownRansomwareUse: boolean } | null;
  epss: { vulnerabilityId: string; probability: number; percentile: number; scoreDate: string } | null;
  exploitHint: string | null;
  reachability: string;
  reachabilitySource: string | null;
  blastRadius: number | null;
  ssvc: { decision: string; exploitation: string; automatable: boolean; technicalImpact: string; missionImpact: string } | null;
  slaDueDate: string | null;
  vulnerabilityIds: string[];
  cwes: string[];
  package: string | null;
  fixedVersions: string[];
  cvss: { version: string; vector: string; baseScore: number } | null;
  location: Record<string, string | number>;
  status: string;
  firstSeen: string;
  lastSeen: string;
  fixedAt: string | null;
  reopenCount: number;
  evidence: Array<{ id: string; tool: string; toolVersion: string | null; reportId: string; ruleId: string | null; matchRule: string; present: boolean }>;
  reasons: string[];
  scoreFactors: Array<{ name: string; value: string; points: number; source: string }>;
  policyVersion: string | null;
  identityKey: string;
}

/** Maps a queue row to its public view; rank is the 1-based position in the queue. */
export function toFindingView(row: QueueRow, rank: number): FindingView {
  return {
    id: row.id,
    rank,
    score: row.score,
    priority: row.priority,
    severity: row.severity,
    category: row.category,
    title: row.title,
    asset: row.asset,
    owner: row.owner,
    ownerSource: row.owner_source,
    exposure: row.exposure,
    dataClasses: row.data_classes,
    criticality: row.criticality,
    kev: row.kev,
    epss: row.epss,
    exploitHint: row.exploit_hint,
    reachability: row.reachability,
    reachabilitySource: row.reachability_source,
    blastRadius: row.blast_radius,
    ssvc: row.ssvc,
    slaDueDate: row.sla_due_date,
    vulnerabilityIds: row.vulnerability_ids,
    cwes: row.cwes,
    package: row.package_purl,
    fixedVersions: row.fixed_versions,
    cvss: row.cvss ? { version: row.cvss.version, vector: row.cvss.vector, baseScore: row.cvss.baseScore } : null,
    location: compactLocation(row.location),
    status: row.status,
    firstSeen: toIso(row.first_seen),
    lastSeen: toIso(row.last_seen),
    fixedAt: row.fixed_at ? toIso(row.fixed_at) : null,
    reopenCount: row.reopen_count,
    evidence: row.evidences,
    reasons: row.reasons,
    scoreFactors: row.score_factors ?? [],
    policyVersion: row.policy_version,
    identityKey: row.identity_key,
  };
}

function compactLocation(location: Record<string, unknown>): Record<string, string | number> {
  const compact: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(location)) {
    if (typeof value === 'string' || typeof value === 'number') {
      compact[key] = value;
    }
  }
  return compact;
}

function toIso(value: Date | string): string {
  return new Date(value).toISOString();
}
