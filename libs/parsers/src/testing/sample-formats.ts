import { extname } from 'node:path';

// Sample folders whose files are in one format, by format id.
const FORMAT_OF_FOLDER: ReadonlyMap<string, string> = new Map([
  ['aws-securityhub-asff-json', 'aws-securityhub'],
  ['bandit-json', 'bandit'],
  ['burp-api-json', 'burp-api'],
  ['burp-xml', 'burp-xml'],
  ['checkov-json', 'checkov'],
  ['cyclonedx-json', 'cyclonedx'],
  ['dependency-check-xml', 'dependency-check'],
  ['dependency-track-json', 'dependency-track'],
  ['github-code-scanning-alerts', 'github-code-scanning'],
  ['github-dependabot-alerts-graphql', 'github-dependabot'],
  ['gitlab-container-scanning', 'gitlab-container-scanning'],
  ['gitlab-dependency-scanning', 'gitlab-dependency-scanning'],
  ['gitlab-sast', 'gitlab-sast'],
  ['gitleaks-json', 'gitleaks'],
  ['govulncheck-json', 'govulncheck'],
  ['grype-json', 'grype'],
  ['kics-json', 'kics'],
  ['npm-audit-json', 'npm-audit'],
  ['nuclei', 'nuclei'],
  ['openvex-json', 'openvex'],
  ['osv-scanner-json', 'osv-scanner'],
  ['pip-audit-json', 'pip-audit'],
  ['prowler-ocsf-json', 'prowler'],
  ['sarif', 'sarif'],
  ['semgrep-json', 'semgrep'],
  ['snyk-json', 'snyk'],
  ['sonarqube-api-json', 'sonarqube'],
  ['spdx-json', 'spdx'],
  ['tfsec-json', 'tfsec'],
  ['trivy-json', 'trivy'],
  ['trufflehog-jsonl', 'trufflehog'],
  ['yarn-audit', 'yarn-audit'],
  ['zap-json', 'zap'],
  ['zap-xml', 'zap-xml'],
]);

// Folders with an XML and a CSV export of one scanner, by file extension.
const FORMAT_OF_EXPORT: ReadonlyMap<string, Readonly<Record<string, string>>> = new Map([
  ['nessus', { '.xml': 'nessus', '.csv': 'nessus-csv' }],
  ['openvas', { '.xml': 'openvas', '.csv': 'openvas-csv' }],
]);

/** Returns the id of the format a sample file is written in, or null for a folder this table does not know. */
export function formatOfSample(folder: string, file: string): string | null {
  return FORMAT_OF_FOLDER.get(folder) ?? FORMAT_OF_EXPORT.get(folder)?.[extname(file)] ?? null;
}

/** Returns the sample folders that contain files of a format. */
export function foldersOfFormat(format: string): string[] {
  const single = [...FORMAT_OF_FOLDER].filter(([, id]) => id === format).map(([folder]) => folder);
  const exports = [...FORMAT_OF_EXPORT].filter(([, byExtension]) => Object.values(byExtension).includes(format)).map(([folder]) => folder);
  return [...single, ...exports];
}
