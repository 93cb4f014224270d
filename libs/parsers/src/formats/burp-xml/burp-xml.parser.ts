import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { joinDastUrl, siteOrigin } from '../../dast-url.js';
import { buildFinding } from '../../finding-builder.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { parseXmlDocument, xmlRootTag, type XmlElement } from '../../xml-document.js';
import { burpParameter } from './burp.location.js';
import { burpSeverity } from './burp.severity.js';
import { burpCwes, burpDescription, burpLinks } from './burp.text.js';

export const burpXmlFormat: ReportFormat = {
  id: 'burp-xml',
  displayName: 'Burp Suite XML issue export (1.6 and later)',
  detect: isBurpXml,
  parse: parseBurpXml,
};

/** Detects Burp's export: root <issues> with a burpVersion attribute. */
function isBurpXml(input: ReportInput): boolean {
  try {
    const root = xmlRootTag(input.text());
    return root?.name === 'issues' && root.startTag.includes('burpVersion=');
  } catch {
    return false;
  }
}

function parseBurpXml(input: ReportInput): ParseResult {
  // Every Burp export starts with a DOCTYPE of element and attribute-list
  // declarations only. Any other DTD is still rejected.
  const root = parseXmlDocument(input.text(), { ignoreElementDeclarations: true });
  if (root.name !== 'issues') {
    throw new ReportRejectedError('wrong_shape', `Burp XML export must have the root element <issues>, not <${root.name}>`, root.path);
  }

  const tool: Tool = { name: 'burp', version: root.attribute('burpVersion') };
  const warnings: ParseWarning[] = [];
  const findings: ParsedFinding[] = [];
  for (const issue of root.childrenNamed('issue')) {
    const finding = issueFinding(issue, tool, warnings);
    if (finding !== null) {
      findings.push(finding);
    }
  }

  const origins = new Set(root.childrenNamed('issue').map((issue) => siteOrigin(issue.childText('host'))));
  const [onlyOrigin] = origins;
  return {
    tool,
    findings,
    warnings,
    assetName: origins.size === 1 ? (onlyOrigin ?? null) : null,
    complete: true,
    components: [],
    secretValues: [],
  };
}

/**
 * Maps one <issue>. The base64 request and response are never decoded or
 * stored. Only the method attribute of the first request is read.
 */
function issueFinding(issue: XmlElement, tool: Tool, warnings: ParseWarning[]): ParsedFinding | null {
  const name = issue.childText('name');
  const type = issue.childText('type');
  if (name === null && type === null) {
    warnings.push({ message: 'Burp issue without <name> or <type> skipped', location: issue.path });
    return null;
  }
  const url = joinDastUrl(issue.childText('host'), issue.childText('path'));
  if (url === null) {
    warnings.push({ message: 'Burp issue without a valid <host> URL skipped', location: issue.path });
    return null;
  }

  const severityWord = issue.childText('severity');
  return buildFinding({
    tool,
    category: 'dast',
    title: name ?? `Burp issue type ${type}`,
    description: burpDescription({
      detail: issue.childText('issueDetail'),
      background: issue.childText('issueBackground'),
      remediationDetail: issue.childText('remediationDetail'),
      remediationBackground: issue.childText('remediationBackground'),
      confidence: issue.childText('confidence'),
    }),
    ruleId: type,
    cwes: burpCwes(issue.childText('vulnerabilityClassifications')),
    severity: burpSeverity(severityWord),
    toolSeverity: severityWord,
    references: burpLinks(issue.childText('references')),
    location: {
      url,
      method: issue.child('requestresponse')?.child('request')?.attribute('method')?.toUpperCase() ?? null,
      parameter: burpParameter(issue.childText('location')),
    },
    sourcePointer: issue.path,
  });
}
