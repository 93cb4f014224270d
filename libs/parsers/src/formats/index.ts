import type { ReportFormat } from '../report-format.js';
import { sarifFormat } from './sarif/sarif.parser.js';
import { cyclonedxFormat } from './cyclonedx/cyclonedx.parser.js';
import { trivyFormat } from './trivy/trivy.parser.js';
import { grypeFormat } from './grype/grype.parser.js';
import { semgrepFormat } from './semgrep/semgrep.parser.js';
import { npmAuditFormat } from './npm-audit/npm-audit.parser.js';
import { gitleaksFormat } from './gitleaks/gitleaks.parser.js';
import { CODE_FORMATS } from './code-formats.js';
import { DAST_FORMATS } from './dast-formats.js';
import { SCA_FORMATS } from './sca-formats.js';

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
  ...SCA_FORMATS,
  ...CODE_FORMATS,
  ...DAST_FORMATS,
];
