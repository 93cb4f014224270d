// Generated from schemas/*.avsc by scripts/generate-contract-types.ts. Do not edit.

export const ASSET_EXPOSURE_VALUES = ['internet', 'partner', 'internal'] as const;
export type AssetExposure = (typeof ASSET_EXPOSURE_VALUES)[number];

export interface CodeOwnerRule {
  pattern: string;
  owners: string[];
  line: number;
}

export interface ObservedPackageEntry {
  purl: string;
  loaded: boolean;
}

export interface ObservedFunctionEntry {
  purl: string;
  symbol: string;
  vulnerabilityIds: string[];
  called: boolean;
}

export interface RuntimeObservation {
  source: string;
  sensor: null | string;
  windowFrom: string;
  windowTo: string;
  ecosystems: string[];
  packages: ObservedPackageEntry[];
  functions: ObservedFunctionEntry[];
}

/** What is known about an asset from catalogs, CODEOWNERS and manifests. Compacted topic keyed by asset name: the latest value wins. */
export interface AssetContext {
  asset: string;
  /** repository, service, image, api or host. */
  kind: null | string;
  owner: null | string;
  ownerSource: null | string;
  exposure: null | AssetExposure;
  exposureSource: null | string;
  dataClasses: string[];
  dataClassesSource: null | string;
  criticality: null | string;
  criticalitySource: null | string;
  system: null | string;
  lifecycle: null | string;
  /** Container images (name without tag or digest) that run this asset; a report about one of them belongs to this asset. */
  images: string[];
  /** CODEOWNERS rules in file order; the last matching rule wins. */
  codeOwners: CodeOwnerRule[];
  codeOwnersSource: null | string;
  /** What runtime sensors saw loaded and called in this service, one entry per sensor window (format in docs/runtime-observations.md). */
  runtimeObservations: RuntimeObservation[];
  updatedAt: number;
}

export const FINDING_CHANGE_VALUES = ['created', 'updated', 'reopened', 'fixed', 'merged'] as const;
export type FindingChange = (typeof FINDING_CHANGE_VALUES)[number];

export const FINDING_STATUS_VALUES = ['open', 'reopened', 'fixed', 'risk_accepted', 'false_positive', 'suppressed', 'not_affected'] as const;
export type FindingStatus = (typeof FINDING_STATUS_VALUES)[number];

/** A canonical finding was created or changed by deduplication or the lifecycle. The finding itself stays in Postgres. */
export interface FindingChanged {
  eventId: string;
  findingId: string;
  identityKey: string;
  asset: string;
  change: FindingChange;
  status: FindingStatus;
  reportId: null | string;
  occurredAt: number;
}

export const EXPOSURE_VALUES = ['internet', 'partner', 'internal', 'unknown'] as const;
export type Exposure = (typeof EXPOSURE_VALUES)[number];

export interface KevListing {
  vulnerabilityId: string;
  /** ISO date the vulnerability entered CISA KEV. */
  dateAdded: string;
  knownRansomwareUse: boolean;
}

/** The highest EPSS score among the finding's vulnerability ids. */
export interface EpssListing {
  vulnerabilityId: string;
  probability: number;
  percentile: number;
  scoreDate: string;
}

export const REACHABILITY_VALUES = ['reachable', 'unreachable', 'unknown'] as const;
export type Reachability = (typeof REACHABILITY_VALUES)[number];

/** The context a finding was scored with: its asset's owner, exposure and data, and what is known about its vulnerabilities being exploited. */
export interface FindingEnriched {
  eventId: string;
  findingId: string;
  asset: string;
  owner: null | string;
  /** What decided the owner, for example catalog:catalog-info.yaml or codeowners:CODEOWNERS:12. */
  ownerSource: null | string;
  exposure: Exposure;
  exposureSource: null | string;
  dataClasses: string[];
  criticality: null | string;
  kev: null | KevListing;
  dataClassesSource: null | string;
  criticalitySource: null | string;
  /** Null when none of the ids was ever scored, which is not a probability of 0. */
  epss: null | EpssListing;
  /** A public exploit or proof of concept a report mentions, with its origin. */
  exploitHint: null | string;
  reachability: Reachability;
  /** runtime:<file>, vex:<justification> or the scanner's analysis. */
  reachabilitySource: null | string;
  reachabilityReason: null | string;
  /** Assets that have the same vulnerable package version, this one included; null for findings without a package. */
  blastRadius: null | number;
  enrichedAt: number;
}

export interface Tool {
  name: string;
  version: null | string;
}

export const FINDING_CATEGORY_VALUES = ['sast', 'sca', 'secret', 'dast', 'iac', 'container', 'runtime', 'other'] as const;
export type FindingCategory = (typeof FINDING_CATEGORY_VALUES)[number];

export const SEVERITY_VALUES = ['critical', 'high', 'medium', 'low', 'info', 'unknown'] as const;
export type Severity = (typeof SEVERITY_VALUES)[number];

export interface Cvss {
  /** 2.0, 3.0, 3.1 or 4.0. */
  version: string;
  vector: string;
  baseScore: number;
  /** Who scored it (nvd, ghsa, a distro), when the report says. */
  source: null | string;
}

export interface Package {
  /** Package URL with version, normalised per ecosystem. */
  purl: string;
  /** The purl type: npm, pypi, maven, deb, apk, gem, golang and so on. */
  ecosystem: string;
  name: string;
  version: null | string;
  fixedVersions: string[];
}

export interface Location {
  /** Repository-relative path with forward slashes. */
  path: null | string;
  startLine: null | number;
  endLine: null | number;
  /** SHA-256 of the whitespace-normalised snippet. */
  snippetHash: null | string;
  url: null | string;
  method: null | string;
  parameter: null | string;
  resourceType: null | string;
  resourceName: null | string;
  /** Container image name without tag or digest. */
  image: null | string;
  imageDigest: null | string;
  layer: null | string;
}

/** A detected secret, never its value. */
export interface SecretRef {
  sha256: string;
  /** First and last characters with the rest masked. */
  preview: string;
}

/** A scanner's own verdict on whether the vulnerable code can run, for example from call-graph analysis. */
export interface ReachabilityHint {
  reachable: boolean;
  /** Tool and analysis that decided, for example govulncheck:symbol. */
  source: string;
}

/** A triage decision the report itself carries: a VEX analysis or a SARIF suppression. */
export interface TriageStatement {
  /** not_affected, false_positive, suppressed, affected, under_investigation or fixed. */
  state: string;
  justification: null | string;
  detail: null | string;
}

export interface ParsedFinding {
  tool: Tool;
  category: FindingCategory;
  title: string;
  description: null | string;
  ruleId: null | string;
  /** The tool's own stable id for this finding, when it has one. */
  fingerprint: null | string;
  /** CWE ids written CWE-<n>. */
  cwes: string[];
  /** Vulnerability ids and their aliases (CVE, GHSA, OSV, vendor ids), the tool's primary id first. */
  vulnerabilityIds: string[];
  severity: Severity;
  /** The severity exactly as the tool wrote it. */
  toolSeverity: null | string;
  cvss: Cvss[];
  package: null | Package;
  location: Location;
  secret: null | SecretRef;
  /** Exploit maturity the report states, prefixed with its origin, for example snyk:Proof of Concept. Null when the report says nothing or says none is known. */
  exploitHint: null | string;
  reachabilityHint: null | ReachabilityHint;
  references: string[];
  triage: null | TriageStatement;
  /** Where the finding sits in its report: a JSON pointer, a line number or an XPath. */
  sourcePointer: string;
}

/** One finding as a parser read it from one report, in the canonical vocabulary but not yet deduplicated. */
export interface NormalizedFinding {
  eventId: string;
  reportId: string;
  asset: string;
  scope: string;
  /** Zero-based position of the finding in its report. */
  sequence: number;
  observedAt: number;
  finding: ParsedFinding;
}

export const SCORED_FINDING_STATUS_VALUES = ['open', 'reopened', 'fixed', 'risk_accepted', 'false_positive', 'suppressed', 'not_affected'] as const;
export type ScoredFindingStatus = (typeof SCORED_FINDING_STATUS_VALUES)[number];

export const PRIORITY_VALUES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
export type Priority = (typeof PRIORITY_VALUES)[number];

export interface ScoreFactor {
  name: string;
  value: string;
  points: number;
  source: string;
}

/** The SSVC deployer decision and the decision points it was taken from. */
export interface SsvcOutcome {
  /** Track, Track*, Attend or Act. */
  decision: string;
  /** none, poc or active. */
  exploitation: string;
  automatable: boolean;
  /** partial or total. */
  technicalImpact: string;
  missionImpact: string;
}

/** Public contract: a canonical finding with its risk score, priority and the factors behind them. Keyed by finding id. */
export interface ScoredFinding {
  eventId: string;
  findingId: string;
  identityKey: string;
  asset: string;
  status: ScoredFindingStatus;
  category: string;
  title: string;
  severity: string;
  vulnerabilityIds: string[];
  cwes: string[];
  packagePurl: null | string;
  cvssBaseScore: null | number;
  owner: null | string;
  /** Risk score from 0 to 100. */
  score: number;
  priority: Priority;
  factors: ScoreFactor[];
  reasons: string[];
  policyVersion: string;
  ssvc: null | SsvcOutcome;
  /** ISO date by which the policy wants the finding fixed, counted from its first sighting; null when its priority has no deadline. */
  slaDueDate: null | string;
  scoredAt: number;
}

export interface KevEntry {
  dateAdded: string;
  dueDate: null | string;
  knownRansomwareUse: boolean;
  vendor: null | string;
  product: null | string;
}

export interface EpssScore {
  probability: number;
  percentile: number;
  scoreDate: string;
}

/** Exploitation intel about one vulnerability id. Compacted topic keyed by vulnerability id. */
export interface VulnerabilityIntel {
  vulnerabilityId: string;
  kev: null | KevEntry;
  epss: null | EpssScore;
  /** Other ids of the same vulnerability (CVE, GHSA, OSV, distribution ids), for example from OSV records. */
  aliases: string[];
  /** Where the intel came from, for example the KEV catalogue file name and its version. */
  source: string;
  updatedAt: number;
}

export interface ReportTool {
  name: string;
  version: null | string;
}

export const REPORT_STATUS_VALUES = ['parsed', 'rejected'] as const;
export type ReportStatus = (typeof REPORT_STATUS_VALUES)[number];

export interface ReportError {
  code: string;
  message: string;
  location: null | string;
}

export interface ReportWarning {
  message: string;
  location: null | string;
}

/** The normaliser finished a report: either parsed, with its findings already emitted on sieve.finding.normalized.v1, or rejected with the reason. */
export interface ReportParsed {
  eventId: string;
  reportId: string;
  asset: string;
  scope: string;
  /** Detected or requested format id, null when no format matched. */
  format: null | string;
  tool: null | ReportTool;
  status: ReportStatus;
  error: null | ReportError;
  warnings: ReportWarning[];
  /** Findings emitted for this report. */
  findingCount: number;
  /** True when the report is a complete scan of its tool and scope, so findings it no longer lists may be closed. */
  complete: boolean;
  parsedAt: number;
}

export const ASSET_SOURCE_VALUES = ['submitter', 'report', 'folder', 'default'] as const;
export type AssetSource = (typeof ASSET_SOURCE_VALUES)[number];

/** A scanner report was accepted and stored. The report body stays in the store; this event carries its reference (claim check). */
export interface ReportReceived {
  /** UUIDv7 of this event. */
  eventId: string;
  /** Id of the stored report; the same bytes for the same asset and scope keep the same id. */
  reportId: string;
  /** Hex SHA-256 of the report bytes as submitted. */
  sha256: string;
  /** Asset the report belongs to, as given by the submitter or derived from the source name. */
  asset: string;
  /** Where the asset name came from. 'report' means the normaliser may replace it with the name the report carries. */
  assetSource: AssetSource;
  /** Scan scope within the asset (a sub-path, an image, an environment); empty means the whole asset. */
  scope: string;
  /** Format id the submitter named, overriding detection. */
  toolHint: null | string;
  /** Source revision the scan ran on. */
  commit: null | string;
  /** File name or path the report was read from, for messages only. */
  sourceName: null | string;
  sizeBytes: number;
  receivedAt: number;
}
