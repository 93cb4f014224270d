// Writes large synthetic SARIF and Trivy reports for the parser benchmark.
// Records are shaped like real CodeQL results and Trivy vulnerabilities
// (about 0.9 and 1.3 KB) and differ from each other. Files are written record by record, so a 1 GB
// report never sits in memory.
import { closeSync, openSync, writeSync } from 'node:fs';

const CWES = [79, 89, 22, 78, 502, 798, 327, 611, 918, 94];
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const WORDS = ['user', 'input', 'flows', 'into', 'a', 'query', 'without', 'sanitisation', 'of', 'path', 'traversal', 'detected'];
// Real reports are mostly ASCII; one record in 50 carries non-ASCII text.
const NON_ASCII_WORDS = ['überprüfung', 'détecté', '検出'];

/** Writes a report of about `bytes` bytes and returns its record count. */
export function writeSarifReport(file: string, bytes: number): number {
  const rules = CWES.map((cwe, index) => ({
    id: `bench/rule-${index}`,
    name: `BenchRule${index}`,
    shortDescription: { text: `Benchmark rule ${index}` },
    helpUri: `https://example.com/rules/${index}`,
    properties: { tags: ['security', `external/cwe/cwe-${cwe}`], 'security-severity': String(3 + index * 0.7), precision: 'high' },
  }));
  const head = JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'BenchSAST', semanticVersion: '1.0.0', rules } }, results: [] }],
  });
  const [before, after] = [head.slice(0, head.lastIndexOf('[]') + 1), head.slice(head.lastIndexOf('[]') + 1)];
  return writeRecords(file, bytes, before, after, sarifResult);
}

function sarifResult(n: number): unknown {
  const file = `src/module-${n % 97}/component-${Math.floor(n / 13) % 1000}/handler-${n % 31}.ts`;
  return {
    ruleId: `bench/rule-${n % 10}`,
    ruleIndex: n % 10,
    level: n % 3 === 0 ? 'error' : 'warning',
    message: { text: `${sentence(n, 18)} [${n}](1)` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: file, uriBaseId: '%SRCROOT%', index: n % 50 },
          region: { startLine: (n % 400) + 1, startColumn: (n % 60) + 1, endLine: (n % 400) + 2, endColumn: 80, snippet: { text: `const q = "SELECT * FROM t WHERE id=" + req.query["id${n}"];` } },
        },
      },
    ],
    relatedLocations: [{ id: 1, physicalLocation: { artifactLocation: { uri: file }, region: { startLine: (n % 300) + 1 } }, message: { text: 'user-provided value' } }],
    partialFingerprints: { primaryLocationLineHash: `${(n * 2654435761 >>> 0).toString(16)}:1`, primaryLocationStartColumnFingerprint: String(n % 40) },
    properties: { 'github/alertNumber': n, tags: ['security'] },
  };
}

/** Writes a Trivy image report (SchemaVersion 2, Trivy's key order) of about `bytes` bytes and returns its record count. */
export function writeTrivyReport(file: string, bytes: number): number {
  const head = JSON.stringify({
    SchemaVersion: 2,
    Trivy: { Version: '0.58.1' },
    CreatedAt: '2026-12-01T10:00:00Z',
    ArtifactName: 'registry.example.com/bench/app:1.2.3',
    ArtifactType: 'container_image',
    Metadata: {
      OS: { Family: 'debian', Name: '12.8' },
      ImageID: 'sha256:1f0e3c0b2a7d8e9f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f',
      RepoTags: ['registry.example.com/bench/app:1.2.3'],
      RepoDigests: ['registry.example.com/bench/app@sha256:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b'],
    },
    Results: [{ Target: 'registry.example.com/bench/app:1.2.3 (debian 12.8)', Class: 'os-pkgs', Type: 'debian', Vulnerabilities: [] }],
  });
  const [before, after] = [head.slice(0, head.lastIndexOf('[]') + 1), head.slice(head.lastIndexOf('[]') + 1)];
  return writeRecords(file, bytes, before, after, trivyVulnerability);
}

function trivyVulnerability(n: number): unknown {
  // An image contains one installed version of each package, so a package's
  // purl repeats in every vulnerability of that package, as in real reports.
  const packageIndex = n % 700;
  const name = `libbench${packageIndex}`;
  const version = `1.${packageIndex % 17}.${packageIndex % 5}-${packageIndex % 3}`;
  const id = `CVE-20${20 + (n % 6)}-${String(10000 + (n % 89999))}`;
  return {
    VulnerabilityID: id,
    PkgID: `${name}@${version}`,
    PkgName: name,
    PkgIdentifier: { PURL: `pkg:deb/debian/${name}@${version}?arch=amd64&distro=debian-12.8`, UID: (n * 2654435761 >>> 0).toString(16) },
    InstalledVersion: version,
    FixedVersion: `1.${packageIndex % 17}.${(packageIndex % 5) + 1}`,
    Status: 'fixed',
    Layer: { DiffID: `sha256:${(n % 9).toString().repeat(64)}` },
    SeveritySource: 'nvd',
    PrimaryURL: `https://avd.aquasec.com/nvd/${id.toLowerCase()}`,
    DataSource: { ID: 'debian', Name: 'Debian Security Tracker', URL: 'https://salsa.debian.org/security-tracker-team/security-tracker' },
    Title: `${name}: ${sentence(n, 8)}`,
    Description: sentence(n * 7, 40),
    Severity: SEVERITIES[n % SEVERITIES.length],
    CweIDs: [`CWE-${CWES[n % CWES.length]}`],
    VendorSeverity: { debian: 1 + (n % 3), nvd: 1 + (n % 4) },
    CVSS: { nvd: { V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', V3Score: 9.8 } },
    References: [`https://security-tracker.debian.org/tracker/${id}`, `https://nvd.nist.gov/vuln/detail/${id}`],
    PublishedDate: '2024-03-01T15:15:00Z',
    LastModifiedDate: '2024-11-21T08:00:00Z',
  };
}

function sentence(seed: number, length: number): string {
  const words: string[] = [];
  for (let k = 0; k < length; k++) {
    words.push(WORDS[(seed + k * 7) % WORDS.length] as string);
  }
  if (seed % 50 === 0) {
    words.push(NON_ASCII_WORDS[seed % NON_ASCII_WORDS.length] as string);
  }
  return words.join(' ');
}

function writeRecords(file: string, bytes: number, before: string, after: string, record: (n: number) => unknown): number {
  const fd = openSync(file, 'w');
  try {
    let written = writeSync(fd, before);
    let batch: string[] = [];
    let count = 0;
    while (written < bytes) {
      const text = (count === 0 ? '' : ',') + JSON.stringify(record(count));
      batch.push(text);
      written += Buffer.byteLength(text);
      count++;
      if (batch.length === 1000) {
        writeSync(fd, batch.join(''));
        batch = [];
      }
    }
    writeSync(fd, batch.join('') + after);
    return count;
  } finally {
    closeSync(fd);
  }
}
