import type { ReportFormat } from '../report-format.js';

/** Formats of this group, in detection order; listed in formats/index.ts after the first seven. */
export const DAST_FORMATS: ReportFormat[] = [];
