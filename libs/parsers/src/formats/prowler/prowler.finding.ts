import type { ParsedFinding, Tool, TriageStatement } from '@sieve/contracts';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, str, strings, type JsonObject } from '../../json-access.js';
import { readOcsfSeverity } from './prowler.severity.js';

/**
 * Maps one failed check. The check (metadata.event_code) is the rule,
 * finding_info.uid (check, account, region and resource) the fingerprint, and
 * the first resource the cloud resource it is about.
 */
export function readProwlerFinding(finding: JsonObject, checkId: string, tool: Tool, at: string): ParsedFinding {
  const info = field(finding, 'finding_info');
  const resource = arr(field(finding, 'resources'))[0];
  const severity = readOcsfSeverity(finding);
  const statusDetail = str(field(finding, 'status_detail'));
  const relatedUrl = str(field(field(finding, 'unmapped'), 'related_url'));

  return buildFinding({
    tool,
    category: 'iac',
    title: str(field(info, 'title')) ?? statusDetail ?? checkId,
    description: describe(finding, statusDetail),
    ruleId: checkId,
    fingerprint: str(field(info, 'uid')),
    severity: severity.severity,
    toolSeverity: severity.toolSeverity,
    location: {
      resourceType: str(field(resource, 'type')),
      // The resource's uid (an ARN on AWS) names it across accounts and regions; its name does not.
      resourceName: str(field(resource, 'uid')) ?? str(field(resource, 'name')),
    },
    triage: mutedTriage(finding),
    references: [...strings(field(field(finding, 'remediation'), 'references')), relatedUrl].filter((url): url is string => url !== null),
    sourcePointer: at,
  });
}

function describe(finding: JsonObject, statusDetail: string | null): string {
  const risk = str(field(finding, 'risk_details'));
  const remediation = str(field(field(finding, 'remediation'), 'desc'));
  const region = str(field(arr(field(finding, 'resources'))[0], 'region')) ?? str(field(field(finding, 'cloud'), 'region'));
  return [
    statusDetail,
    str(field(field(finding, 'finding_info'), 'desc')),
    risk === null ? null : `Risk: ${risk}`,
    remediation === null ? null : `Remediation: ${remediation}`,
    region === null ? null : `Region: ${region}.`,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}

// Prowler writes status "Suppressed" for findings its mutelist mutes.
function mutedTriage(finding: JsonObject): TriageStatement | null {
  return str(field(finding, 'status')) === 'Suppressed' ? { state: 'suppressed', justification: null, detail: 'muted by the Prowler mutelist' } : null;
}
