import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { siteOrigin } from '../../dast-url.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { parseXmlDocument, xmlRootTag, type XmlElement } from '../../xml-document.js';
import { zapAlertFindings, type ZapAlert, type ZapInstance } from '../zap/zap.alert.js';

const ROOT = 'OWASPZAPReport';

export const zapXmlFormat: ReportFormat = {
  id: 'zap-xml',
  displayName: 'ZAP traditional XML and xml-plus (2.9 and later)',
  detect: (input) => detectRoot(input) === ROOT,
  parse: parseZapXml,
};

function detectRoot(input: ReportInput): string | null {
  try {
    return xmlRootTag(input.text())?.name ?? null;
  } catch {
    return null;
  }
}

function parseZapXml(input: ReportInput): ParseResult {
  const root = parseXmlDocument(input.text());
  if (root.name !== ROOT) {
    throw new ReportRejectedError('wrong_shape', `ZAP XML report must have the root element <${ROOT}>, not <${root.name}>`, root.path);
  }

  const tool: Tool = { name: 'zap', version: root.attribute('version') };
  const findings: ParsedFinding[] = [];
  const warnings: ParseWarning[] = [];
  let truncated = false;

  const sites = root.childrenNamed('site');
  for (const site of sites) {
    const alertItems = site.child('alerts')?.childrenNamed('alertitem') ?? [];
    for (const item of alertItems) {
      const alert = readAlert(item, warnings);
      if (alert !== null && zapAlertFindings(alert, { name: site.attribute('name') }, tool, findings, warnings).truncated) {
        truncated = true;
      }
    }
  }

  return {
    tool,
    findings,
    warnings,
    assetName: sites.length === 1 ? siteOrigin(sites[0]?.attribute('name') ?? null) : null,
    // ZAP lists a limited number of instances per alert, and unlisted ones must not be closed.
    complete: !truncated,
    components: [],
    secretValues: [],
  };
}

function readAlert(item: XmlElement, warnings: ParseWarning[]): ZapAlert | null {
  const pluginId = item.childText('pluginid');
  const name = item.childText('name') ?? item.childText('alert');
  if (pluginId === null && name === null) {
    warnings.push({ message: 'ZAP alert without <pluginid> or <name> skipped', location: item.path });
    return null;
  }
  const count = Number(item.childText('count') ?? NaN);
  return {
    pluginId,
    name,
    riskCode: item.childText('riskcode'),
    riskDescription: item.childText('riskdesc'),
    confidence: item.childText('confidence'),
    description: item.childText('desc'),
    solution: item.childText('solution'),
    otherInfo: item.childText('otherinfo'),
    reference: item.childText('reference'),
    cweId: item.childText('cweid'),
    wascId: item.childText('wascid'),
    count: Number.isInteger(count) && count >= 0 ? count : null,
    instances: readInstances(item),
    location: item.path,
  };
}

// Old ZAP XML reports have no <instances>, so the alert item itself carries the one uri.
function readInstances(item: XmlElement): ZapInstance[] {
  const listed = item.child('instances');
  if (listed === null && item.childText('uri') !== null) {
    return [readInstance(item)];
  }
  return (listed?.childrenNamed('instance') ?? []).map(readInstance);
}

function readInstance(instance: XmlElement): ZapInstance {
  return {
    uri: instance.childText('uri'),
    method: instance.childText('method'),
    param: instance.childText('param'),
    evidence: instance.childText('evidence'),
    otherInfo: instance.childText('otherinfo'),
    location: instance.path,
  };
}
