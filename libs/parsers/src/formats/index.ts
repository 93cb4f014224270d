import type { ReportFormat } from '../report-format.js';

/**
 * Every supported format, in detection order: formats with a distinctive
 * marker (SARIF's "runs", CycloneDX's "bomFormat") come before formats
 * recognised by the shape of their records.
 */
export const REPORT_FORMATS: ReportFormat[] = [];
