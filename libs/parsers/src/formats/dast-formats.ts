import type { ReportFormat } from '../report-format.js';
import { burpApiFormat } from './burp-api/burp-api.parser.js';
import { burpXmlFormat } from './burp-xml/burp-xml.parser.js';
import { dependencyCheckFormat } from './dependency-check/dependency-check.parser.js';
import { nessusCsvFormat } from './nessus-csv/nessus-csv.parser.js';
import { nessusFormat } from './nessus/nessus.parser.js';
import { nucleiFormat } from './nuclei/nuclei.parser.js';
import { openvasCsvFormat } from './openvas-csv/openvas-csv.parser.js';
import { openvasFormat } from './openvas/openvas.parser.js';
import { zapXmlFormat } from './zap-xml/zap-xml.parser.js';
import { zapFormat } from './zap/zap.parser.js';

/**
 * Formats of this group, in detection order; listed in formats/index.ts
 * after the first seven. JSON formats come first, then XML formats (each
 * recognised by its root element), then CSV exports (recognised by their
 * header row), because a CSV header check is the least specific.
 */
export const DAST_FORMATS: ReportFormat[] = [
  zapFormat,
  burpApiFormat,
  nucleiFormat,
  zapXmlFormat,
  burpXmlFormat,
  nessusFormat,
  openvasFormat,
  dependencyCheckFormat,
  openvasCsvFormat,
  nessusCsvFormat,
];
