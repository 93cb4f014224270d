import type { FindingContent, FindingRow } from '@sieve/persistence';
import { maxSeverity, preferredCvss, type Severity } from '@sieve/domain';
import type { Sighting } from './sighting.js';

/**
 * Builds the tool-supplied fields of a finding from a group of sightings:
 * text, rule and location from the first sighting, the union of
 * vulnerability ids and CWEs, and the highest severity and the preferred CVSS
 * vector across all of them.
 */
export function contentOf(asset: string, group: Sighting[]): FindingContent {
  const first = group[0]!.event.finding;
  const ids: string[] = [];
  const cwes = new Set<string>();
  let severity: Severity = 'unknown';
  for (const { event } of group) {
    for (const id of event.finding.vulnerabilityIds) if (!ids.includes(id)) ids.push(id);
    for (const cwe of event.finding.cwes) cwes.add(cwe);
    severity = maxSeverity(severity, event.finding.severity);
  }
  const cvss = preferredCvss(group.flatMap(({ event }) => event.finding.cvss));
  const pkg = group.find(({ event }) => event.finding.package !== null)?.event.finding.package ?? null;
  const secret = group.find(({ event }) => event.finding.secret !== null)?.event.finding.secret ?? null;
  const hinted = <T>(pick: (finding: Sighting['event']['finding']) => T | null): T | null =>
    group.map(({ event }) => pick(event.finding)).find((value): value is T => value !== null) ?? null;
  return {
    asset,
    category: first.category,
    title: first.title,
    description: first.description,
    rule_id: first.ruleId,
    cwes: [...cwes].sort(),
    vulnerability_ids: ids,
    package_purl: pkg?.purl ?? null,
    package_ecosystem: pkg?.ecosystem ?? null,
    package_name: pkg?.name ?? null,
    package_version: pkg?.version ?? null,
    fixed_versions: pkg?.fixedVersions ?? [],
    location: { ...first.location },
    severity,
    tool_severity: first.toolSeverity,
    cvss,
    secret_sha256: secret?.sha256 ?? null,
    secret_preview: secret?.preview ?? null,
    exploit_hint: hinted((finding) => finding.exploitHint),
    reachability_hint: hinted((finding) => finding.reachabilityHint),
    vex_justification: hinted((finding) => finding.triage?.justification ?? null),
  };
}

export function newFindingRow(id: string, identityKey: string, identityVersion: number, content: FindingContent, status: string, seenAt: Date): FindingRow {
  return {
    ...content,
    id,
    identity_key: identityKey,
    identity_version: identityVersion,
    status,
    first_seen: seenAt,
    last_seen: seenAt,
    fixed_at: null,
    reopen_count: 0,
  };
}
