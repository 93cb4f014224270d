import type { FindingCategory } from '@sieve/contracts';

/** The kind of SARIF producer, decided from its driver name. */
export type ProducerKind = 'secret' | 'sca' | 'container' | 'iac' | 'trivy' | 'grype' | 'sast';

// Markers are matched as substrings of the lower-cased driver name, so
// "Semgrep OSS" and "semgrep" or "Snyk Open Source" and "snyk-open-source" both match.
const SECRET_SCANNERS = ['gitleaks', 'trufflehog', 'detect-secrets', 'ggshield', 'secretlint', 'nosey'];
const SCA_SCANNERS = ['dependency-check', 'govulncheck', 'osv-scanner', 'snyk open source', 'pip-audit', 'npm audit', 'retire'];
const CONTAINER_SCANNERS = ['snyk container', 'clair'];
const IAC_SCANNERS = ['kics', 'checkov', 'tfsec', 'terrascan', 'kube-linter', 'kubesec', 'cfn-lint', 'cfn_nag', 'hadolint'];

export function producerKind(driverName: string): ProducerKind {
  const name = driverName.toLowerCase();
  if (name.includes('trivy')) return 'trivy';
  if (name.includes('grype')) return 'grype';
  if (SECRET_SCANNERS.some((marker) => name.includes(marker))) return 'secret';
  if (CONTAINER_SCANNERS.some((marker) => name.includes(marker))) return 'container';
  if (SCA_SCANNERS.some((marker) => name.includes(marker))) return 'sca';
  if (IAC_SCANNERS.some((marker) => name.includes(marker))) return 'iac';
  return 'sast';
}

/**
 * Trivy writes one SARIF run for every scanner it ran and names each rule
 * after the result class (pkg/report/sarif.go in aquasecurity/trivy), so the
 * rule name says whether a result is a package vulnerability, a
 * misconfiguration, a secret or a license.
 */
export function trivyCategory(ruleName: string | null, imageScan: boolean): FindingCategory {
  switch (ruleName) {
    case 'Misconfiguration':
      return 'iac';
    case 'Secret':
      return 'secret';
    case 'License':
      return 'other';
    default:
      return imageScan ? 'container' : 'sca';
  }
}

/** Category of a producer that is not Trivy or Grype; those depend on the result. */
export function producerCategory(kind: ProducerKind, imageScan: boolean): FindingCategory {
  switch (kind) {
    case 'secret':
      return 'secret';
    case 'container':
      return 'container';
    case 'sca':
    case 'grype':
    case 'trivy':
      return imageScan ? 'container' : 'sca';
    case 'iac':
      return 'iac';
    case 'sast':
      return 'sast';
  }
}
