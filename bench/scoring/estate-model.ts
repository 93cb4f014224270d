// The ground-truth estate of the ranking benchmark: services with known
// context, the vulnerable packages they ship, and which findings must be fixed.

export type Exposure = 'internet' | 'partner' | 'internal';
export type Criticality = 'high' | 'medium' | 'low';

export interface Vulnerability {
  /** Synthetic id in the reserved year 2099, so no real CVE collides with it. */
  cve: string;
  vector: string;
  baseScore: number;
}

/** One npm package version and the vulnerabilities a scanner reports for it. */
export interface VulnerablePackage {
  name: string;
  version: string;
  purl: string;
  vulnerabilities: Vulnerability[];
}

export interface ServicePackage {
  package: VulnerablePackage;
  /** Whether the runtime sensor saw the package loaded. */
  loaded: boolean;
  /** False when the sensor did not list the package at all: absence from a watched ecosystem also means not loaded. */
  listed: boolean;
}

export interface EstateService {
  name: string;
  owner: string;
  exposure: Exposure;
  /** Backstage annotation values; `['none']` when the service handles no sensitive data. */
  dataClasses: string[];
  criticality: Criticality;
  packages: ServicePackage[];
}

export interface KevListing {
  cve: string;
  dateAdded: string;
  knownRansomwareUse: boolean;
}

export interface EpssScore {
  cve: string;
  probability: number;
  percentile: number;
}

/** One expected finding: a vulnerability of a package on a service, with the truth about it. */
export interface EstateFinding {
  /** `<service>|<cve>|<purl>`: unique in the estate and the same in Sieve's output. */
  key: string;
  service: string;
  cve: string;
  purl: string;
  packageName: string;
  version: string;
  vector: string;
  baseScore: number;
  exposure: Exposure;
  reachable: boolean;
  kev: boolean;
  /** Exploited (in the generated KEV), on an internet-facing service, and reachable. */
  mustFix: boolean;
}

export interface RankingEstate {
  services: EstateService[];
  findings: EstateFinding[];
  kev: KevListing[];
  epss: EpssScore[];
}

export function findingKey(service: string, cve: string, purl: string): string {
  return `${service}|${cve}|${purl}`;
}
