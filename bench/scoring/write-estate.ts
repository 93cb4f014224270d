// Writes a generated estate as the files `sieve run` reads: one Trivy report
// per service folder, a Backstage catalog, runtime observations per service,
// a KEV catalogue in CISA's JSON shape and an EPSS CSV in FIRST's shape.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { severityOf } from './cvss-vectors.js';
import type { EstateFinding, EstateService, RankingEstate } from './estate-model.js';

export interface EstatePaths {
  reports: string;
  catalog: string;
  runtime: string;
  kev: string;
  epss: string;
}

/** Dates written into the files; fixed so the same seed gives the same bytes. */
const RELEASED = '2026-12-04';
const WINDOW = { from: '2026-11-04T00:00:00Z', to: '2026-12-04T00:00:00Z' };

export function writeEstate(estate: RankingEstate, dir: string): EstatePaths {
  const paths: EstatePaths = {
    reports: join(dir, 'reports'),
    catalog: join(dir, 'catalog', 'catalog-info.yaml'),
    runtime: join(dir, 'runtime'),
    kev: join(dir, 'intel', 'known_exploited_vulnerabilities.json'),
    epss: join(dir, 'intel', 'epss_scores.csv'),
  };
  for (const folder of [paths.reports, paths.runtime, join(dir, 'catalog'), join(dir, 'intel')]) {
    mkdirSync(folder, { recursive: true });
  }

  for (const service of estate.services) {
    // The report's folder names its asset, because a file-system scan names no asset itself.
    mkdirSync(join(paths.reports, service.name), { recursive: true });
    const findings = estate.findings.filter((finding) => finding.service === service.name);
    writeFileSync(join(paths.reports, service.name, 'trivy.json'), JSON.stringify(trivyReport(findings)));
    writeFileSync(join(paths.runtime, `${service.name}.json`), JSON.stringify(runtimeObservations(service), null, 2));
  }
  writeFileSync(paths.catalog, estate.services.map(catalogComponent).join('---\n'));
  writeFileSync(paths.kev, JSON.stringify(kevCatalogue(estate), null, 2));
  writeFileSync(paths.epss, epssCsv(estate));
  return paths;
}

function trivyReport(findings: EstateFinding[]): unknown {
  return {
    SchemaVersion: 2,
    ArtifactName: '.',
    ArtifactType: 'filesystem',
    Results: [
      {
        Target: 'package-lock.json',
        Class: 'lang-pkgs',
        Type: 'npm',
        Vulnerabilities: findings.map((finding) => ({
          VulnerabilityID: finding.cve,
          PkgName: finding.packageName,
          PkgIdentifier: { PURL: finding.purl },
          InstalledVersion: finding.version,
          Severity: severityOf(finding.baseScore),
          Title: `${finding.packageName} ${finding.cve}`,
          CVSS: { nvd: { V3Vector: finding.vector, V3Score: finding.baseScore } },
        })),
      },
    ],
  };
}

function catalogComponent(service: EstateService): string {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${service.name}`,
    '  annotations:',
    `    sieve.dev/exposure: ${service.exposure}`,
    `    sieve.dev/data-classes: ${service.dataClasses.join(',')}`,
    `    sieve.dev/criticality: ${service.criticality}`,
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: ${service.owner}`,
    '',
  ].join('\n');
}

function runtimeObservations(service: EstateService): unknown {
  return {
    schema: 'sieve.runtime-observations/v1',
    service: service.name,
    sensor: { name: 'bench-node-agent', version: '1.0.0' },
    window: WINDOW,
    ecosystems: ['npm'],
    packages: service.packages.filter((entry) => entry.listed).map((entry) => ({ purl: entry.package.purl, loaded: entry.loaded })),
  };
}

function kevCatalogue(estate: RankingEstate): unknown {
  const byCve = new Map(estate.findings.map((finding) => [finding.cve, finding]));
  return {
    title: 'Generated catalogue of known exploited vulnerabilities (ranking benchmark)',
    catalogVersion: RELEASED.replaceAll('-', '.'),
    dateReleased: `${RELEASED}T00:00:00.000Z`,
    count: estate.kev.length,
    vulnerabilities: estate.kev.map((listing) => ({
      cveID: listing.cve,
      vendorProject: 'bench',
      product: byCve.get(listing.cve)?.packageName ?? 'unknown',
      vulnerabilityName: `${listing.cve} in a generated package`,
      dateAdded: listing.dateAdded,
      shortDescription: 'Generated entry; not a real vulnerability.',
      requiredAction: 'Update the package.',
      dueDate: daysAfter(listing.dateAdded, 21),
      knownRansomwareCampaignUse: listing.knownRansomwareUse ? 'Known' : 'Unknown',
      notes: '',
      cwes: [],
    })),
  };
}

function epssCsv(estate: RankingEstate): string {
  const rows = estate.epss.map((score) => `${score.cve},${score.probability},${score.percentile}`);
  return [`#model_version:bench,score_date:${RELEASED}T00:00:00+0000`, 'cve,epss,percentile', ...rows, ''].join('\n');
}

function daysAfter(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
