// Generates the ground-truth estate of the ranking benchmark from a seed. The
// rates below are chosen so that CVSS alone misleads (most high scores sit on
// internal services or in packages that never load) and the must-fix set is a
// few percent of the findings.
import { SeededRandom } from '../dedup/seeded-random.js';
import { randomCvss } from './cvss-vectors.js';
import { weightedPick } from './weighted-pick.js';
import { findingKey, type EpssScore, type EstateFinding, type EstateService, type Exposure, type KevListing, type RankingEstate, type Vulnerability, type VulnerablePackage } from './estate-model.js';

export interface EstateOptions {
  seed: number;
  services: number;
  findingsPerService: number;
}

export const DEFAULT_ESTATE: EstateOptions = { seed: 20261204, services: 40, findingsPerService: 50 };

const EXPOSURES: ReadonlyArray<readonly [Exposure, number]> = [
  ['internet', 0.35],
  ['partner', 0.2],
  ['internal', 0.45],
];
const LOADED_RATE = 0.5;
/** Share of packages not loaded that the sensor lists with `loaded: false`; the rest it does not mention. */
const LISTED_WHEN_NOT_LOADED = 0.5;
// High and critical vulnerabilities are listed three times as often as the
// others. The rates are choices of this generator, not measured ones.
const KEV_RATE_HIGH = 0.15;
const KEV_RATE_LOW = 0.05;
const RANSOMWARE_RATE = 0.2;

const DOMAINS = ['payments', 'orders', 'accounts', 'catalog', 'search', 'billing', 'shipping', 'identity', 'reporting', 'inventory', 'pricing', 'notifications', 'reviews', 'loyalty', 'ledger', 'audit', 'media', 'support', 'analytics', 'partners'];
const ROLES = ['api', 'worker', 'web', 'batch', 'gateway'];
const DATA_CLASSES = ['pii', 'pci', 'phi', 'credentials'];
const PACKAGE_STEMS = ['json', 'yaml', 'http', 'url', 'xml', 'jwt', 'cookie', 'form', 'template', 'image', 'zip', 'csv', 'markdown', 'socket', 'cache', 'query', 'date', 'path', 'mime', 'auth'];
const PACKAGE_ROLES = ['parser', 'client', 'utils', 'core', 'kit', 'lite', 'stream', 'server'];

export function generateEstate(options: EstateOptions): RankingEstate {
  const random = new SeededRandom(options.seed);
  const packages = generatePackages(random, Math.max(60, options.findingsPerService * 2));
  const services = Array.from({ length: options.services }, (_, index) => generateService(random, index, packages, options.findingsPerService));

  const vulnerabilities = packages.flatMap((pkg) => pkg.vulnerabilities);
  const kev = generateKev(random, vulnerabilities);
  const epss = generateEpss(random, vulnerabilities, new Set(kev.map((listing) => listing.cve)));
  const findings = findingsOf(services, options.findingsPerService, new Set(kev.map((listing) => listing.cve)));
  return { services, findings, kev, epss };
}

function generatePackages(random: SeededRandom, count: number): VulnerablePackage[] {
  const packages: VulnerablePackage[] = [];
  let nextCve = 10000;
  for (let index = 0; index < count; index++) {
    const stem = `${PACKAGE_STEMS[index % PACKAGE_STEMS.length]}-${PACKAGE_ROLES[Math.floor(index / PACKAGE_STEMS.length) % PACKAGE_ROLES.length]}`;
    const name = index < PACKAGE_STEMS.length * PACKAGE_ROLES.length ? stem : `${stem}-${index}`;
    const versions = random.int(1, 2);
    for (let v = 0; v < versions; v++) {
      const version = `${random.int(1, 6)}.${random.int(0, 20)}.${v}`;
      const vulnerabilities: Vulnerability[] = Array.from({ length: random.int(1, 3) }, () => ({ cve: `CVE-2099-${nextCve++}`, ...randomCvss(random) }));
      packages.push({ name, version, purl: `pkg:npm/${name}@${version}`, vulnerabilities });
    }
  }
  return packages;
}

function generateService(random: SeededRandom, index: number, pool: VulnerablePackage[], findingsPerService: number): EstateService {
  const domain = DOMAINS[index % DOMAINS.length]!;
  const role = ROLES[Math.floor(index / DOMAINS.length) % ROLES.length]!;
  const round = Math.floor(index / (DOMAINS.length * ROLES.length));
  const name = round === 0 ? `${domain}-${role}` : `${domain}-${role}-${round}`;

  const sensitive = random.chance(0.6) ? DATA_CLASSES.filter(() => random.chance(0.35)) : [];
  return {
    name,
    owner: `team-${domain}`,
    exposure: weightedPick(random, EXPOSURES),
    dataClasses: sensitive.length > 0 ? sensitive : ['none'],
    criticality: random.pick(['high', 'medium', 'low'] as const),
    packages: pickPackages(random, pool, findingsPerService).map((pkg) => {
      const loaded = random.chance(LOADED_RATE);
      return { package: pkg, loaded, listed: loaded || random.chance(LISTED_WHEN_NOT_LOADED) };
    }),
  };
}

/** Picks package versions, at most one version per package name, until they carry `findings` vulnerabilities. */
function pickPackages(random: SeededRandom, pool: VulnerablePackage[], findings: number): VulnerablePackage[] {
  const order = pool.map((pkg) => ({ pkg, sort: random.next() })).sort((a, b) => a.sort - b.sort);
  const chosen: VulnerablePackage[] = [];
  const names = new Set<string>();
  let count = 0;
  for (const { pkg } of order) {
    if (count >= findings) break;
    if (names.has(pkg.name)) continue;
    names.add(pkg.name);
    chosen.push(pkg);
    count += pkg.vulnerabilities.length;
  }
  return chosen;
}

function generateKev(random: SeededRandom, vulnerabilities: Vulnerability[]): KevListing[] {
  return vulnerabilities
    .filter((vulnerability) => random.chance(vulnerability.baseScore >= 7 ? KEV_RATE_HIGH : KEV_RATE_LOW))
    .map((vulnerability) => ({
      cve: vulnerability.cve,
      dateAdded: `2026-${String(random.int(1, 11)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
      knownRansomwareUse: random.chance(RANSOMWARE_RATE),
    }));
}

/** EPSS probabilities for every vulnerability: high for listed ones, low for most others, with a few unlisted ones predicted likely. */
function generateEpss(random: SeededRandom, vulnerabilities: Vulnerability[], kev: Set<string>): EpssScore[] {
  const probabilities = vulnerabilities.map((vulnerability) => {
    if (kev.has(vulnerability.cve)) return 0.2 + random.next() * 0.77;
    if (random.chance(0.05)) return 0.05 + random.next() * 0.45;
    return 0.0004 + random.next() * random.next() * 0.03;
  });
  const sorted = [...probabilities].sort((a, b) => a - b);
  return vulnerabilities.map((vulnerability, index) => {
    const probability = Number(probabilities[index]!.toFixed(5));
    const below = sorted.findIndex((value) => value >= probabilities[index]!);
    return { cve: vulnerability.cve, probability, percentile: Number((below / sorted.length).toFixed(5)) };
  });
}

function findingsOf(services: EstateService[], findingsPerService: number, kev: Set<string>): EstateFinding[] {
  return services.flatMap((service) => {
    const findings = service.packages.flatMap(({ package: pkg, loaded }) =>
      pkg.vulnerabilities.map((vulnerability) => {
        const listed = kev.has(vulnerability.cve);
        return {
          key: findingKey(service.name, vulnerability.cve, pkg.purl),
          service: service.name,
          cve: vulnerability.cve,
          purl: pkg.purl,
          packageName: pkg.name,
          version: pkg.version,
          vector: vulnerability.vector,
          baseScore: vulnerability.baseScore,
          exposure: service.exposure,
          reachable: loaded,
          kev: listed,
          mustFix: listed && service.exposure === 'internet' && loaded,
        };
      }),
    );
    return findings.slice(0, findingsPerService);
  });
}
