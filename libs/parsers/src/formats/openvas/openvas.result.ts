import type { Cvss, ParsedFinding, Tool, TriageStatement } from '@sieve/contracts';
import { addCvssVector } from '../../cvss-vectors.js';
import { serviceUrl } from '../../dast-url.js';
import { buildFinding } from '../../finding-builder.js';
import { clip } from '../../json-access.js';
import type { ParseWarning } from '../../report-format.js';
import type { XmlElement } from '../../xml-document.js';
import { openvasSeverity } from './openvas.severity.js';

const MAX_RESULT_TEXT = 2000;
const FALSE_POSITIVE = 'False Positive';

/** Maps one <result>. Returns null after a warning when it has no NVT oid or no host. */
export function openvasResultFinding(result: XmlElement, tool: Tool, warnings: ParseWarning[]): ParsedFinding | null {
  const nvt = result.child('nvt');
  const oid = nvt?.attribute('oid') ?? null;
  const host = result.child('host')?.trimmedText() ?? null;
  if (nvt === null || oid === null || host === null) {
    warnings.push({ message: 'OpenVAS result without an <nvt oid="…"> or a <host> skipped', location: result.path });
    return null;
  }

  const tags = nvtTags(nvt.childText('tags'));
  const threat = result.childText('threat');
  const falsePositive = threat === FALSE_POSITIVE;
  const port = parsePort(result.childText('port'));
  const refs = nvt.child('refs')?.childrenNamed('ref') ?? [];

  return buildFinding({
    tool,
    category: 'other',
    title: nvt.childText('name') ?? result.childText('name') ?? `OpenVAS NVT ${oid}`,
    description: describe(result, nvt, tags),
    ruleId: oid,
    vulnerabilityIds: [...refIds(refs, 'cve'), ...legacyCves(nvt.childText('cve'))],
    cwes: refIds(refs, 'cwe'),
    // An override to False Positive keeps the original threat in original_threat.
    severity: openvasSeverity(falsePositive ? result.childText('original_threat') : threat, result.childText('severity')),
    toolSeverity: threat,
    cvss: readCvss(nvt, tags, warnings),
    references: refIds(refs, 'url').filter((url) => url.startsWith('http://') || url.startsWith('https://')),
    triage: falsePositive ? falsePositiveTriage() : null,
    location: {
      url: serviceUrl(port.protocol, host, port.number),
      resourceType: 'host',
      resourceName: host,
    },
    sourcePointer: result.path,
  });
}

/** Port values look like "443/tcp", "general/tcp" or "general/icmp". */
function parsePort(value: string | null): { number: number | null; protocol: string | null } {
  const match = /^(\d{1,5}|general)\/([a-z]{1,10})$/i.exec(value ?? '');
  if (match === null) {
    return { number: null, protocol: null };
  }
  return { number: match[1] === 'general' ? null : Number(match[1]), protocol: match[2] ?? null };
}

/**
 * Splits the NVT's tags ("summary=…|insight=…|solution=…"). A value may
 * itself contain '|', so a part that does not start with "name=" belongs
 * to the value before it.
 */
function nvtTags(value: string | null): Map<string, string> {
  const tags = new Map<string, string>();
  let current: string | null = null;
  for (const part of (value ?? '').slice(0, 100_000).split('|')) {
    const name = /^([a-z_]{1,40})=/.exec(part)?.[1];
    if (name !== undefined) {
      current = name;
      tags.set(name, part.slice(name.length + 1));
    } else if (current !== null) {
      tags.set(current, `${tags.get(current) ?? ''}|${part}`);
    }
  }
  return tags;
}

function refIds(refs: XmlElement[], type: string): string[] {
  return refs
    .filter((ref) => ref.attribute('type')?.toLowerCase() === type)
    .map((ref) => ref.attribute('id'))
    .filter((id): id is string => id !== null);
}

/** Reads the <cve> element of older reports, "CVE-2011-1234, CVE-2011-1235" or NOCVE. */
function legacyCves(value: string | null): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .filter((id) => id.toUpperCase().startsWith('CVE-'));
}

/** Reads the vectors of <severities> (GVM 21.04 and later) and the cvss_base_vector tag of older NVTs. */
function readCvss(nvt: XmlElement, tags: Map<string, string>, warnings: ParseWarning[]): Cvss[] {
  const cvss: Cvss[] = [];
  for (const severity of nvt.child('severities')?.childrenNamed('severity') ?? []) {
    const vector = severity.childText('value');
    if (vector !== null) {
      addCvssVector(cvss, vector, severity.childText('origin'), severity.path, warnings);
    }
  }
  const tagVector = tags.get('cvss_base_vector')?.trim();
  if (tagVector !== undefined && tagVector !== '') {
    addCvssVector(cvss, tagVector, null, nvt.child('tags')?.path ?? nvt.path, warnings);
  }
  return cvss;
}

function describe(result: XmlElement, nvt: XmlElement, tags: Map<string, string>): string | null {
  const solution = nvt.childText('solution') ?? tags.get('solution')?.trim() ?? null;
  const quality = result.child('qod')?.childText('value') ?? null;
  const parts = [
    tags.get('summary')?.trim() ?? null,
    labelled('Detection result', clip(result.childText('description'), MAX_RESULT_TEXT)),
    labelled('Insight', tags.get('insight')?.trim() ?? null),
    labelled('Impact', tags.get('impact')?.trim() ?? null),
    labelled('Solution', solution),
    labelled('Quality of detection', quality === null ? null : `${quality}%`),
  ].filter((part): part is string => part !== null && part !== '');
  return parts.length > 0 ? parts.join('\n\n') : null;
}

function labelled(label: string, value: string | null): string | null {
  return value === null || value === '' ? null : `${label}: ${value}`;
}

function falsePositiveTriage(): TriageStatement {
  return { state: 'false_positive', justification: null, detail: 'OpenVAS override set the threat to False Positive' };
}
