import type { ParsedFinding, Severity, Tool, TriageStatement } from '@sieve/contracts';
import { clip } from '../../json-access.js';
import { buildFinding } from '../../finding-builder.js';
import { normalizeDastUrl } from '../../dast-url.js';
import { htmlToText } from '../../html-text.js';
import type { ParseWarning } from '../../report-format.js';

/** Maximum evidence excerpt kept. Evidence can contain response content, so it is never stored in full. */
const MAX_EVIDENCE = 200;
const MAX_OTHER_INFO = 1000;
const MAX_REFERENCE_TEXT = 20_000;

/** One alert of a ZAP traditional report, read from JSON or XML into the same fields. */
export interface ZapAlert {
  pluginId: string | null;
  name: string | null;
  riskCode: string | null;
  riskDescription: string | null;
  confidence: string | null;
  description: string | null;
  solution: string | null;
  otherInfo: string | null;
  reference: string | null;
  cweId: string | null;
  wascId: string | null;
  /** Number of instances ZAP found. The report may list fewer. */
  count: number | null;
  instances: ZapInstance[];
  /** JSON pointer or XPath-like path of the alert. */
  location: string;
}

export interface ZapInstance {
  uri: string | null;
  method: string | null;
  param: string | null;
  evidence: string | null;
  otherInfo: string | null;
  location: string;
}

/** The scanned site an alert belongs to. */
export interface ZapSite {
  name: string | null;
}

const RISK_CODES = new Map<string, Severity>([
  ['0', 'info'],
  ['1', 'low'],
  ['2', 'medium'],
  ['3', 'high'],
]);

/**
 * Maps one alert to one finding per listed instance, so that each finding
 * has the method, URL and parameter that DAST deduplication keys on. An alert
 * without instances gives one finding at the site's URL. An instance without
 * a URI is skipped with a warning. Returns whether ZAP found more instances
 * than the report lists.
 */
export function zapAlertFindings(alert: ZapAlert, site: ZapSite, tool: Tool, findings: ParsedFinding[], warnings: ParseWarning[]): { truncated: boolean } {
  const title = alert.name ?? (alert.pluginId === null ? '(untitled)' : `ZAP scan rule ${alert.pluginId}`);
  const base = alertFields(alert, tool, title);

  if (alert.instances.length === 0) {
    findings.push(buildFinding({ ...base, description: describe(alert, null), location: { url: normalizeDastUrl(site.name) }, sourcePointer: alert.location }));
  }
  for (const instance of alert.instances) {
    const url = normalizeDastUrl(instance.uri);
    if (url === null) {
      warnings.push({ message: `ZAP instance without a valid "uri" skipped (${clip(instance.uri, 100) ?? 'missing'})`, location: instance.location });
      continue;
    }
    findings.push(
      buildFinding({
        ...base,
        description: describe(alert, instance),
        location: { url, method: instance.method?.toUpperCase() ?? null, parameter: instance.param },
        sourcePointer: instance.location,
      }),
    );
  }

  const truncated = alert.count !== null && alert.count > alert.instances.length;
  if (truncated) {
    warnings.push({ message: `ZAP counted ${alert.count} instances of "${clip(title, 100)}" but the report lists ${alert.instances.length}`, location: alert.location });
  }
  return { truncated };
}

function alertFields(alert: ZapAlert, tool: Tool, title: string) {
  const cwe = positiveId(alert.cweId);
  return {
    tool,
    category: 'dast' as const,
    title,
    ruleId: alert.pluginId,
    cwes: cwe === null ? [] : [`CWE-${cwe}`],
    severity: alert.riskCode === null ? ('unknown' as const) : (RISK_CODES.get(alert.riskCode) ?? 'unknown'),
    toolSeverity: toolSeverityWord(alert),
    references: referenceUrls(alert.reference),
    triage: falsePositiveTriage(alert.confidence),
  };
}

/**
 * ZAP's own risk word: the part of riskdesc before the confidence in
 * brackets ("Low (Medium)" gives Low). Report templates that leave riskdesc
 * as an unresolved message key ("!reports.report.risk.3! …") give the risk
 * code instead.
 */
function toolSeverityWord(alert: ZapAlert): string | null {
  const description = alert.riskDescription;
  if (description !== null && !description.startsWith('!')) {
    const bracket = description.indexOf(' (');
    return bracket === -1 ? description : description.slice(0, bracket);
  }
  return alert.riskCode;
}

// ZAP confidence 0 is "False Positive", set by a user or a rule.
function falsePositiveTriage(confidence: string | null): TriageStatement | null {
  return confidence === '0' ? { state: 'false_positive', justification: null, detail: 'ZAP confidence 0 (False Positive)' } : null;
}

function describe(alert: ZapAlert, instance: ZapInstance | null): string | null {
  const parts: string[] = [];
  const description = htmlToText(alert.description);
  const solution = htmlToText(alert.solution);
  const otherInfo = htmlToText(instance?.otherInfo ?? alert.otherInfo);
  if (description !== null) {
    parts.push(description);
  }
  if (solution !== null) {
    parts.push(`Solution: ${solution}`);
  }
  if (otherInfo !== null) {
    parts.push(`Other information: ${clip(otherInfo, MAX_OTHER_INFO)}`);
  }
  if (instance?.evidence) {
    parts.push(`Evidence (excerpt): ${clip(instance.evidence, MAX_EVIDENCE)}`);
  }
  const classification = classificationIds(alert);
  if (classification.length > 0) {
    parts.push(`Classification: ${classification.join(', ')}`);
  }
  return parts.length > 0 ? parts.join('\n\n') : null;
}

// The finding has no field for WASC ids, so the description names them.
function classificationIds(alert: ZapAlert): string[] {
  const cwe = positiveId(alert.cweId);
  const wasc = positiveId(alert.wascId);
  return [cwe === null ? null : `CWE-${cwe}`, wasc === null ? null : `WASC-${wasc}`].filter((id): id is string => id !== null);
}

/** ZAP writes -1 or 0 when an alert has no CWE or WASC id. */
function positiveId(value: string | null): number | null {
  const id = value === null ? NaN : Number(value);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** http(s) URLs in the reference field, which ZAP writes as HTML paragraphs or plain lines. */
function referenceUrls(reference: string | null): string[] {
  const text = htmlToText(reference === null ? null : reference.slice(0, MAX_REFERENCE_TEXT));
  if (text === null) {
    return [];
  }
  return text.match(/https?:\/\/[^\s<>"']{1,2000}/g) ?? [];
}
