import type { Cvss, ParsedFinding, Severity, Tool } from '@sieve/contracts';
import { addCvssVector, severityFromVectors } from '../../cvss-vectors.js';
import { serviceUrl } from '../../dast-url.js';
import { buildFinding } from '../../finding-builder.js';
import { clip } from '../../json-access.js';
import type { ParseWarning } from '../../report-format.js';
import type { XmlElement } from '../../xml-document.js';
import { nessusRiskWord, nessusSeverityLevel } from './nessus.severity.js';

/** Maximum plugin output excerpt kept. Plugin outputs can run to megabytes (service banners, file lists). */
export const MAX_PLUGIN_OUTPUT = 2000;

// Nessus writes CVSS v2 vectors as "CVSS2#AV:N/AC:L/…".
const CVSS2_PREFIX = 'CVSS2#';

/** Maps one <ReportItem> of a <ReportHost>. Returns null after a warning when it has no pluginID. */
export function nessusItemFinding(item: XmlElement, host: string, tool: Tool, warnings: ParseWarning[]): ParsedFinding | null {
  const pluginId = item.attribute('pluginID');
  if (pluginId === null) {
    warnings.push({ message: 'Nessus ReportItem without a pluginID attribute skipped', location: item.path });
    return null;
  }

  const cvss = readCvss(item, warnings);
  const level = item.attribute('severity');
  const riskFactor = item.childText('risk_factor');
  const port = Number(item.attribute('port') ?? NaN);

  return buildFinding({
    tool,
    category: 'other',
    title: item.attribute('pluginName') ?? item.childText('plugin_name') ?? `Nessus plugin ${pluginId}`,
    description: describe(item),
    ruleId: pluginId,
    vulnerabilityIds: texts(item, 'cve'),
    cwes: [...texts(item, 'cwe'), ...texts(item, 'xref').filter((xref) => /^CWE:/i.test(xref))],
    severity: severityOf(level, riskFactor, cvss),
    toolSeverity: riskFactor ?? level,
    cvss,
    references: seeAlsoUrls(item.childText('see_also')),
    location: {
      url: serviceUrl(item.attribute('protocol'), host, Number.isInteger(port) ? port : null),
      resourceType: 'host',
      resourceName: host,
    },
    sourcePointer: item.path,
  });
}

/** Maps the severity attribute (0-4, after any recast rules), else risk_factor, else the CVSS base score. */
function severityOf(level: string | null, riskFactor: string | null, cvss: Cvss[]): Severity {
  if (level !== null) {
    return nessusSeverityLevel(level);
  }
  if (riskFactor !== null) {
    return nessusRiskWord(riskFactor);
  }
  return severityFromVectors(cvss);
}

function readCvss(item: XmlElement, warnings: ParseWarning[]): Cvss[] {
  const cvss: Cvss[] = [];
  for (const name of ['cvss4_vector', 'cvss3_vector', 'cvss_vector']) {
    const element = item.child(name);
    const vector = element?.trimmedText() ?? null;
    if (element !== null && vector !== null) {
      const withoutPrefix = vector.startsWith(CVSS2_PREFIX) ? vector.slice(CVSS2_PREFIX.length) : vector;
      addCvssVector(cvss, withoutPrefix, null, element.path, warnings);
    }
  }
  return cvss;
}

function describe(item: XmlElement): string | null {
  const output = item.childText('plugin_output');
  const parts = [
    item.childText('synopsis'),
    item.childText('description'),
    labelled('Solution', item.childText('solution')),
    labelled('Service', item.attribute('svc_name')),
    labelled('Plugin output (excerpt)', clip(output, MAX_PLUGIN_OUTPUT)),
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join('\n\n') : null;
}

function labelled(label: string, value: string | null): string | null {
  return value === null || value === 'n/a' ? null : `${label}: ${value}`;
}

function texts(item: XmlElement, name: string): string[] {
  return item
    .childrenNamed(name)
    .map((element) => element.trimmedText())
    .filter((text): text is string => text !== null);
}

/** Reads the URLs of see_also, which contains one URL per line. */
export function seeAlsoUrls(value: string | null): string[] {
  if (value === null) {
    return [];
  }
  return value
    .slice(0, 20_000)
    .split(/\s+/)
    .filter((token) => token.startsWith('http://') || token.startsWith('https://'))
    .slice(0, 20);
}
