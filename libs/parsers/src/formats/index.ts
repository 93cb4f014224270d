import type { ReportFormat } from '../report-format.js';
import { sarifFormat } from './sarif/sarif.parser.js';
import { cyclonedxFormat } from './cyclonedx/cyclonedx.parser.js';
import { trivyFormat } from './trivy/trivy.parser.js';
import { grypeFormat } from './grype/grype.parser.js';
import { semgrepFormat } from './semgrep/semgrep.parser.js';
import { npmAuditFormat } from './npm-audit/npm-audit.parser.js';
import { gitleaksFormat } from './gitleaks/gitleaks.parser.js';

/**
 * Every supported format, in detection order: formats with a distinctive
 * marker (SARIF's "runs", CycloneDX's "bomFormat") come before formats
 * recognised by the shape of their records.
 */
export const REPORT_FORMATS: ReportFormat[] = [
  sarifFormat,
  cyclonedxFormat,
  trivyFormat,
  grypeFormat,
  semgrepFormat,
  npmAuditFormat,
  gitleaksFormat,
];
