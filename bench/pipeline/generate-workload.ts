// Generates a synthetic estate for the embedded-pipeline benchmark: SARIF
// static-analysis reports and Trivy image reports, spread over assets, with a
// given total number of findings. Every finding is distinct, so the pipeline
// does the full work of creating each one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkloadOptions {
  dir: string;
  findings: number;
  assets: number;
  findingsPerReport: number;
}

const CWES = [79, 89, 22, 78, 502, 798, 327, 611, 918, 94];
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

export function generateWorkload(options: WorkloadOptions): { files: number } {
  mkdirSync(options.dir, { recursive: true });
  let written = 0;
  let file = 0;
  while (written < options.findings) {
    const count = Math.min(options.findingsPerReport, options.findings - written);
    const asset = `service-${String(file % options.assets).padStart(3, '0')}`;
    const assetDir = join(options.dir, asset);
    mkdirSync(assetDir, { recursive: true });
    const report = file % 2 === 0 ? sarifReport(file, count) : trivyReport(file, count, asset);
    writeFileSync(join(assetDir, `report-${file}.json`), JSON.stringify(report));
    written += count;
    file++;
  }
  return { files: file };
}

function sarifReport(file: number, count: number): unknown {
  const rules = CWES.map((cwe, index) => ({
    id: `bench/rule-${index}`,
    shortDescription: { text: `Benchmark rule ${index}` },
    properties: { tags: [`external/cwe/cwe-${cwe}`], 'security-severity': String(3 + index * 0.7) },
  }));
  const results = Array.from({ length: count }, (_, n) => ({
    ruleId: `bench/rule-${n % rules.length}`,
    ruleIndex: n % rules.length,
    level: 'warning',
    message: { text: `Benchmark finding ${file}-${n}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: `src/module-${file}/file-${Math.floor(n / 50)}.ts` },
          region: { startLine: (n % 50) * 10 + 1, endLine: (n % 50) * 10 + 2, snippet: { text: `call(${file}, ${n})` } },
        },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: `${file.toString(16)}:${n.toString(16)}` },
  }));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: 'BenchSAST', version: '1.0.0', rules } }, results }],
  };
}

function trivyReport(file: number, count: number, asset: string): unknown {
  const vulnerabilities = Array.from({ length: count }, (_, n) => {
    const name = `bench-lib-${file}-${Math.floor(n / 10)}`;
    const version = `1.${n % 10}.0`;
    return {
      VulnerabilityID: `CVE-2024-${String(10000 + ((file * 7919 + n) % 89999)).padStart(5, '0')}`,
      PkgName: name,
      PkgIdentifier: { PURL: `pkg:npm/${name}@${version}` },
      InstalledVersion: version,
      FixedVersion: `1.${n % 10}.1`,
      Severity: SEVERITIES[n % SEVERITIES.length],
      Title: `Benchmark vulnerability ${file}-${n}`,
      CVSS: { nvd: { V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', V3Score: 9.8 } },
    };
  });
  return {
    SchemaVersion: 2,
    ArtifactName: `registry.example.com/${asset}:build-${file}`,
    ArtifactType: 'container_image',
    Results: [{ Target: 'app/package-lock.json', Class: 'lang-pkgs', Type: 'npm', Vulnerabilities: vulnerabilities }],
  };
}
