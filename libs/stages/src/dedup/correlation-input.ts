import type { NormalizedFinding, ParsedFinding } from '@sieve/contracts';
import { emptyLocation } from '@sieve/domain';
import type { CorrelationCandidate } from '@sieve/persistence';

/** Returns the fields of a sighting that the correlation rules read, to be stored on its evidence. */
export function correlationInputOf(finding: ParsedFinding): Record<string, unknown> {
  return {
    category: finding.category,
    title: finding.title,
    ruleId: finding.ruleId,
    cwes: finding.cwes,
    vulnerabilityIds: finding.vulnerabilityIds,
    package: finding.package,
    location: finding.location,
  };
}

/** Rebuilds a stored evidence as a normalized finding, so the correlation rules can compare it with a new sighting. */
export function storedEvent(candidate: CorrelationCandidate): NormalizedFinding {
  const input = candidate.correlation_input as Partial<ParsedFinding>;
  const finding: ParsedFinding = {
    tool: { name: candidate.tool_name, version: candidate.tool_version },
    category: input.category ?? 'other',
    title: input.title ?? '',
    description: null,
    ruleId: input.ruleId ?? null,
    fingerprint: null,
    cwes: input.cwes ?? [],
    vulnerabilityIds: input.vulnerabilityIds ?? [],
    severity: 'unknown',
    toolSeverity: null,
    cvss: [],
    package: input.package ?? null,
    location: { ...emptyLocation(), ...input.location },
    secret: null,
    references: [],
    triage: null,
    exploitHint: null,
    reachabilityHint: null,
    sourcePointer: '',
  };
  return { eventId: `evidence:${candidate.id}`, reportId: candidate.report_id, asset: candidate.asset, scope: candidate.scope, sequence: 0, observedAt: 0, finding };
}
