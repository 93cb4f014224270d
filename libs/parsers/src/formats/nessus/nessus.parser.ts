import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { parseXmlDocument, xmlRootTag, type XmlElement } from '../../xml-document.js';
import { nessusItemFinding } from './nessus.item.js';

const ROOT = 'NessusClientData_v2';

export const nessusFormat: ReportFormat = {
  id: 'nessus',
  displayName: 'Nessus .nessus v2 XML (Nessus and Nessus WAS)',
  detect: isNessusXml,
  parse: parseNessusXml,
};

function isNessusXml(input: ReportInput): boolean {
  try {
    return xmlRootTag(input.text())?.name === ROOT;
  } catch {
    return false;
  }
}

function parseNessusXml(input: ReportInput): ParseResult {
  const root = parseXmlDocument(input.text());
  if (root.name !== ROOT) {
    throw new ReportRejectedError('wrong_shape', `Nessus report must have the root element <${ROOT}>, not <${root.name}>`, root.path);
  }

  const tool: Tool = { name: 'nessus', version: null };
  const warnings: ParseWarning[] = [];
  const findings: ParsedFinding[] = [];
  const hosts = root.childrenNamed('Report').flatMap((report) => report.childrenNamed('ReportHost'));
  const hostNames: string[] = [];

  for (const reportHost of hosts) {
    const host = hostName(reportHost);
    if (host === null) {
      warnings.push({ message: 'Nessus ReportHost without a name attribute or host-ip property skipped', location: reportHost.path });
      continue;
    }
    hostNames.push(host);
    for (const item of reportHost.childrenNamed('ReportItem')) {
      const finding = nessusItemFinding(item, host, tool, warnings);
      if (finding !== null) {
        findings.push(finding);
      }
    }
  }

  return {
    tool,
    findings,
    warnings,
    assetName: hostNames.length === 1 ? (hostNames[0] ?? null) : null,
    complete: true,
    components: [],
    secretValues: [],
  };
}

/** Returns the host as the scan named it (ReportHost name: an address, a host name or, for Nessus WAS, a URL), else its host-ip property. */
function hostName(reportHost: XmlElement): string | null {
  const name = reportHost.attribute('name');
  if (name !== null) {
    return name;
  }
  const ipTag = reportHost
    .child('HostProperties')
    ?.childrenNamed('tag')
    .find((tag) => tag.attribute('name') === 'host-ip');
  return ipTag?.trimmedText() ?? null;
}
