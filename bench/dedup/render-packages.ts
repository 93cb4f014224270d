import type { PackageFlaw } from './estate-model.js';

// Renderers of dependency and container reports in each tool's JSON shape,
// with only the fields a real report of that tool always has plus those the
// parsers read. Each returns the report and the flaw id of each record in
// the order the parser reads them.

export interface Rendered {
  report: unknown;
  labels: string[];
}

function idsOf(flaw: PackageFlaw): { primary: string; aliases: string[] } {
  return flaw.cve !== null ? { primary: flaw.cve, aliases: flaw.ghsa === null ? [] : [flaw.ghsa] } : { primary: flaw.ghsa!, aliases: [] };
}

/** Trivy JSON (schema 2) of an image: Debian packages as os-pkgs, npm packages as lang-pkgs. */
export function renderTrivy(asset: string, flaws: PackageFlaw[], build: number): Rendered {
  const deb = flaws.filter((flaw) => flaw.ecosystem === 'deb');
  const npm = flaws.filter((flaw) => flaw.ecosystem === 'npm');
  const vulnerability = (flaw: PackageFlaw) => ({
    // Trivy names npm advisories by CVE when there is one and writes no GHSA alias.
    VulnerabilityID: idsOf(flaw).primary,
    PkgName: flaw.name,
    // Trivy's Debian versions omit the epoch.
    InstalledVersion: flaw.version,
    Severity: 'HIGH',
    Title: `${flaw.name}: vulnerability`,
  });
  return {
    report: {
      SchemaVersion: 2,
      CreatedAt: `2026-0${1 + (build % 9)}-1${build % 10}T10:00:00Z`,
      ArtifactName: `registry.example.test/${asset}:build-${build}`,
      ArtifactType: 'container_image',
      Metadata: { OS: { Family: 'debian', Name: '10.9' }, RepoTags: [`registry.example.test/${asset}:build-${build}`] },
      Results: [
        { Target: `registry.example.test/${asset}:build-${build} (debian 10.9)`, Class: 'os-pkgs', Type: 'debian', Vulnerabilities: deb.map(vulnerability) },
        { Target: 'app/package-lock.json', Class: 'lang-pkgs', Type: 'npm', Vulnerabilities: npm.map(vulnerability) },
      ],
    },
    labels: [...deb, ...npm].map((flaw) => flaw.id),
  };
}

/** Grype JSON: npm matches by GHSA with the CVE as related vulnerability, Debian matches by CVE with the epoch in the version. */
export function renderGrype(asset: string, flaws: PackageFlaw[], build: number): Rendered {
  const matches = flaws.map((flaw) => {
    const version = flaw.epoch === null ? flaw.version : `${flaw.epoch}:${flaw.version}`;
    const npm = flaw.ecosystem === 'npm';
    const id = npm ? (flaw.ghsa ?? flaw.cve!) : flaw.cve!;
    const related = npm && flaw.cve !== null ? [{ id: flaw.cve, namespace: 'nvd:cpe' }] : [];
    return {
      vulnerability: { id, namespace: npm ? 'github:language:javascript' : 'debian:distro:debian:10', severity: 'High', fix: { versions: [], state: 'not-fixed' } },
      relatedVulnerabilities: related,
      matchDetails: [],
      artifact: {
        name: flaw.name,
        version,
        type: npm ? 'npm' : 'deb',
        purl: npm ? `pkg:npm/${flaw.name}@${version}` : `pkg:deb/debian/${flaw.name}@${encodeURIComponent(version)}?arch=amd64&distro=debian-10`,
        locations: [{ path: npm ? `/app/node_modules/${flaw.name}/package.json` : '/var/lib/dpkg/status' }],
      },
    };
  });
  return {
    report: {
      matches,
      source: { type: 'image', target: { userInput: `registry.example.test/${asset}:build-${build}` } },
      distro: { name: 'debian', version: '10' },
      descriptor: { name: 'grype', version: '0.74.0' },
    },
    labels: flaws.map((flaw) => flaw.id),
  };
}

/** npm audit v2: one entry per package with its advisory in `via`; no installed version. */
export function renderNpmAudit(flaws: PackageFlaw[]): Rendered {
  const vulnerabilities: Record<string, unknown> = {};
  for (const flaw of flaws) {
    vulnerabilities[flaw.name] = {
      name: flaw.name,
      severity: 'high',
      isDirect: true,
      via: [{ source: 1000000 + flaw.name.length, name: flaw.name, dependency: flaw.name, title: `Vulnerability in ${flaw.name}`, url: `https://github.com/advisories/${flaw.ghsa}`, severity: 'high', cwe: [], range: `<${flaw.version.replace(/^\d+/, (major) => String(Number(major) + 1))}` }],
      effects: [],
      range: `<=${flaw.version}`,
      nodes: [`node_modules/${flaw.name}`],
      fixAvailable: true,
    };
  }
  const total = flaws.length;
  return {
    report: { auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: total, critical: 0, total } } },
    labels: flaws.map((flaw) => flaw.id),
  };
}

/** Snyk Open Source JSON of the npm project: Snyk's own id, with CVE and GHSA under identifiers. */
export function renderSnyk(asset: string, flaws: PackageFlaw[]): Rendered {
  const vulnerabilities = flaws.map((flaw, index) => ({
    id: `SNYK-JS-${flaw.name.toUpperCase().replace(/[^A-Z0-9]/g, '')}-${100000 + index}`,
    title: `Vulnerability in ${flaw.name}`,
    packageName: flaw.name,
    name: flaw.name,
    version: flaw.version,
    severity: 'high',
    language: 'js',
    packageManager: 'npm',
    identifiers: { CVE: flaw.cve === null ? [] : [flaw.cve], GHSA: flaw.ghsa === null ? [] : [flaw.ghsa], CWE: [] },
    from: [`${asset}@1.0.0`, `${flaw.name}@${flaw.version}`],
  }));
  return {
    report: { ok: false, vulnerabilities, packageManager: 'npm', projectName: asset, displayTargetFile: 'package-lock.json', dependencyCount: flaws.length },
    labels: flaws.map((flaw) => flaw.id),
  };
}
