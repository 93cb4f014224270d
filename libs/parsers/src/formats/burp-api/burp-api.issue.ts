import type { ParsedFinding, Tool } from '@sieve/contracts';
import { joinDastUrl, requestMethod } from '../../dast-url.js';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseWarning } from '../../report-format.js';
import { burpParameter } from '../burp-xml/burp.location.js';
import { burpSeverity } from '../burp-xml/burp.severity.js';
import { burpCwes, burpDescription, burpLinks } from '../burp-xml/burp.text.js';

// 32 base64 characters decode to 24 bytes, enough for "OPTIONS /" and never a body.
const REQUEST_LINE_BASE64_CHARS = 32;

/** Maps one entry of issue_events. Returns null after a warning when it is not an issue_found event with an issue name or type. */
export function burpApiIssueFinding(event: unknown, index: number, tool: Tool, warnings: ParseWarning[]): ParsedFinding | null {
  const at = pointer('/issue_events', index);
  const type = str(field(event, 'type'));
  if (!isObject(event) || (type !== null && type !== 'issue_found')) {
    warnings.push({ message: `Burp issue event of type "${type ?? 'unknown'}" skipped`, location: at });
    return null;
  }
  const issue = field(event, 'issue');
  const name = str(field(issue, 'name'));
  const typeIndex = str(field(issue, 'type_index'));
  if (!isObject(issue) || (name === null && typeIndex === null)) {
    warnings.push({ message: 'Burp issue event without issue.name or issue.type_index skipped', location: at });
    return null;
  }
  const url = joinDastUrl(str(field(issue, 'origin')), str(field(issue, 'path')));
  if (url === null) {
    warnings.push({ message: 'Burp issue without a valid issue.origin URL skipped', location: pointer(at, 'issue') });
    return null;
  }

  const severityWord = str(field(issue, 'severity'));
  return buildFinding({
    tool,
    category: 'dast',
    title: name ?? `Burp issue type ${typeIndex}`,
    description: burpDescription({
      detail: str(field(issue, 'description')),
      background: str(field(issue, 'issue_background')),
      remediationDetail: str(field(issue, 'remediation')),
      remediationBackground: str(field(issue, 'remediation_background')),
      confidence: str(field(issue, 'confidence')),
    }),
    ruleId: typeIndex,
    cwes: burpCwes(str(field(issue, 'vulnerability_classifications'))),
    severity: burpSeverity(severityWord),
    toolSeverity: severityWord,
    references: burpLinks(str(field(issue, 'references'))),
    location: { url, method: evidenceMethod(field(issue, 'evidence')), parameter: burpParameter(str(field(issue, 'caption'))) },
    sourcePointer: pointer(at, 'issue'),
  });
}

/**
 * Method of the first request in the evidence. Requests are lists of base64
 * segments. Only the start of the first segment is decoded, so no request
 * header or body is ever read.
 */
function evidenceMethod(evidence: unknown): string | null {
  for (const entry of arr(evidence)) {
    const firstSegment = arr(field(field(entry, 'request_response'), 'request'))[0];
    const data = str(field(firstSegment, 'data'));
    if (data !== null) {
      return requestMethod(Buffer.from(data.slice(0, REQUEST_LINE_BASE64_CHARS), 'base64').toString('latin1'));
    }
  }
  return null;
}
