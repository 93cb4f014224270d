import type { ParsedFinding, Tool, TriageStatement } from '@sieve/contracts';
import { buildFinding } from '../../finding-builder.js';
import { field, int, str, type JsonObject } from '../../json-access.js';
import type { ComponentPaths } from './sonarqube.component.js';
import { impactSeverity } from './sonarqube.severity.js';

/** True when a hotspot was reviewed and fixed: it is no longer a finding. */
export function isFixedHotspot(hotspot: unknown): boolean {
  return str(field(hotspot, 'status')) === 'REVIEWED' && str(field(hotspot, 'resolution')) === 'FIXED';
}

/**
 * Maps one security hotspot of api/hotspots/search. A hotspot is code to
 * review, rated by how likely it is to be a vulnerability, so that rating
 * (vulnerabilityProbability HIGH, MEDIUM, LOW) is its severity.
 */
export function readHotspot(hotspot: JsonObject, rule: string, components: ComponentPaths, tool: Tool, at: string): ParsedFinding {
  const message = str(field(hotspot, 'message'));
  const probability = str(field(hotspot, 'vulnerabilityProbability'));
  const textRange = field(hotspot, 'textRange');
  const startLine = int(field(textRange, 'startLine')) ?? int(field(hotspot, 'line'));
  const category = str(field(hotspot, 'securityCategory'));

  return buildFinding({
    tool,
    category: 'sast',
    title: message ?? rule,
    description: [message, category === null ? null : `Security hotspot, category ${category}.`].filter((line): line is string => line !== null).join('\n'),
    ruleId: rule,
    fingerprint: str(field(hotspot, 'key')),
    severity: impactSeverity(probability),
    toolSeverity: probability,
    location: {
      path: components.pathOf(str(field(hotspot, 'component')), str(field(hotspot, 'project'))),
      startLine,
      endLine: int(field(textRange, 'endLine')) ?? startLine,
    },
    triage: review(hotspot),
    sourcePointer: at,
  });
}

// A reviewer marks a hotspot SAFE (no risk) or ACKNOWLEDGED (a real risk, not fixed yet).
function review(hotspot: unknown): TriageStatement | null {
  const resolution = str(field(hotspot, 'resolution'));
  if (str(field(hotspot, 'status')) !== 'REVIEWED' || resolution === null) {
    return null;
  }
  if (resolution === 'SAFE') {
    return { state: 'not_affected', justification: null, detail: 'reviewed as safe in SonarQube' };
  }
  return resolution === 'ACKNOWLEDGED' ? { state: 'affected', justification: null, detail: 'acknowledged in SonarQube' } : null;
}
