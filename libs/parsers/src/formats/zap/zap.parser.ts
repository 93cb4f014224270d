import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { siteOrigin } from '../../dast-url.js';
import { arr, field, int, isObject, str, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { zapAlertFindings, type ZapAlert, type ZapInstance } from './zap.alert.js';

export const zapFormat: ReportFormat = {
  id: 'zap',
  displayName: 'ZAP traditional JSON and traditional-json-plus (2.9 and later)',
  detect: isZapJson,
  parse: parseZapJson,
};

/**
 * Detects a ZAP traditional JSON report: an object with "@version" and a
 * "site" list (or a single site object) whose first entry has "@name" and
 * "alerts".
 */
function isZapJson(input: ReportInput): boolean {
  if (!input.isJson()) {
    return false;
  }
  const report = input.json();
  const sites = siteList(field(report, 'site'));
  if (sites === null || typeof field(report, '@version') !== 'string') {
    return false;
  }
  const first = sites[0];
  return first === undefined || (field(first, '@name') !== undefined && field(first, 'alerts') !== undefined);
}

function parseZapJson(input: ReportInput): ParseResult {
  const report = input.json();
  const sites = siteList(field(report, 'site'));
  if (!isObject(report) || sites === null) {
    throw new ReportRejectedError('wrong_shape', 'ZAP report must be a JSON object with a "site" array', '');
  }

  const tool: Tool = { name: 'zap', version: str(field(report, '@version')) };
  const findings: ParsedFinding[] = [];
  const warnings: ParseWarning[] = [];
  let truncated = false;

  sites.forEach((site, siteIndex) => {
    const siteAt = Array.isArray(field(report, 'site')) ? pointer('/site', siteIndex) : '/site';
    if (!isObject(site)) {
      warnings.push({ message: 'ZAP site is not an object; skipped', location: siteAt });
      return;
    }
    const siteName = str(field(site, '@name'));
    arr(field(site, 'alerts')).forEach((record, alertIndex) => {
      const alert = readAlert(record, pointer(siteAt, 'alerts', alertIndex), warnings);
      if (alert !== null && zapAlertFindings(alert, { name: siteName }, tool, findings, warnings).truncated) {
        truncated = true;
      }
    });
  });

  const origins = sites.map((site) => siteOrigin(str(field(site, '@name'))));
  return {
    tool,
    findings,
    warnings,
    assetName: origins.length === 1 ? (origins[0] ?? null) : null,
    // ZAP lists a limited number of instances per alert, and unlisted ones must not be closed.
    complete: !truncated,
    components: [],
    secretValues: [],
  };
}

/** Returns the "site" value as a list. ZAP writes an array, and very old reports a single object. */
function siteList(value: unknown): unknown[] | null {
  if (Array.isArray(value)) {
    return value;
  }
  return isObject(value) ? [value] : null;
}

function readAlert(record: unknown, at: string, warnings: ParseWarning[]): ZapAlert | null {
  const pluginId = str(field(record, 'pluginid'));
  const name = str(field(record, 'name')) ?? str(field(record, 'alert'));
  if (!isObject(record) || (pluginId === null && name === null)) {
    warnings.push({ message: 'ZAP alert without "pluginid" or "name" skipped', location: at });
    return null;
  }
  return {
    pluginId,
    name,
    riskCode: str(field(record, 'riskcode')),
    riskDescription: str(field(record, 'riskdesc')),
    confidence: str(field(record, 'confidence')),
    description: str(field(record, 'desc')),
    solution: str(field(record, 'solution')),
    otherInfo: str(field(record, 'otherinfo')),
    reference: str(field(record, 'reference')),
    cweId: str(field(record, 'cweid')),
    wascId: str(field(record, 'wascid')),
    count: int(field(record, 'count')),
    instances: readInstances(record, at, warnings),
    location: at,
  };
}

function readInstances(alert: JsonObject, at: string, warnings: ParseWarning[]): ZapInstance[] {
  const instances: ZapInstance[] = [];
  arr(field(alert, 'instances')).forEach((record, index) => {
    const location = pointer(at, 'instances', index);
    if (!isObject(record)) {
      warnings.push({ message: 'ZAP instance is not an object; skipped', location });
      return;
    }
    instances.push({
      uri: str(field(record, 'uri')),
      method: str(field(record, 'method')),
      param: str(field(record, 'param')),
      evidence: str(field(record, 'evidence')),
      otherInfo: str(field(record, 'otherinfo')),
      location,
    });
  });
  return instances;
}
