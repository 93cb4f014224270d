import type { Location, NormalizedFinding, ParsedFinding } from '@sieve/contracts';

export type FindingOverrides = Partial<Omit<ParsedFinding, 'location' | 'tool'>> & { tool?: string; location?: Partial<Location>; asset?: string };

/** Builds a normalized finding for tests: a Semgrep-like code finding unless overrides set other fields. */
export function normalizedFinding(overrides: FindingOverrides = {}): NormalizedFinding {
  const { tool, location, asset, ...fields } = overrides;
  const finding: ParsedFinding = {
    tool: { name: tool ?? 'semgrep', version: null },
    category: 'sast',
    title: 'Finding',
    description: null,
    ruleId: 'rule',
    fingerprint: null,
    cwes: [],
    vulnerabilityIds: [],
    severity: 'high',
    toolSeverity: null,
    cvss: [],
    package: null,
    location: {
      path: 'src/app.ts',
      startLine: 10,
      snippetHash: null,
      url: null,
      method: null,
      parameter: null,
      resourceType: null,
      resourceName: null,
      image: null,
      imageDigest: null,
      layer: null,
      ...location,
      endLine: location?.endLine !== undefined ? location.endLine : (location?.startLine ?? 10),
    },
    secret: null,
    references: [],
    triage: null,
    exploitHint: null,
    reachabilityHint: null,
    sourcePointer: '/0',
    ...fields,
  };
  return { eventId: 'e', reportId: 'r', asset: asset ?? 'web', scope: '', sequence: 0, observedAt: 0, finding };
}
