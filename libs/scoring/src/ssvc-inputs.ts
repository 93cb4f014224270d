import { cvssImpactMetricsOf, type MetricLevel } from './cvss-metrics.parser.js';
import type { RiskInput } from './risk-input.model.js';
import type { SsvcExploitation, SsvcInputs, SsvcMissionImpact, SsvcTechnicalImpact } from './ssvc.decision.js';

/** Lowest EPSS probability read as a proof of concept: one chance in ten of exploitation activity within 30 days. */
export const SSVC_EPSS_POC_THRESHOLD = 0.1;

const HIGH_IMPACT_DATA = new Set(['pci', 'phi', 'credentials']);

/**
 * Derives the SSVC decision points of a finding from its risk input. The
 * rules are documented in docs/scoring.md:
 * - exploitation: active when in CISA KEV, poc when EPSS >= 0.1 or a public
 *   exploit is known, else none;
 * - automatable: internet-facing with a network attack vector;
 * - technical impact: from the CVSS impact metrics, or critical severity
 *   when there is no vector;
 * - mission impact: from the data classes and the business criticality.
 */
export function deriveSsvcInputs(input: RiskInput): SsvcInputs {
  return {
    exploitation: exploitationOf(input),
    automatable: input.exposure === 'internet' && input.cvss !== null && cvssImpactMetricsOf(input.cvss).attackVector === 'network',
    technicalImpact: technicalImpactOf(input),
    missionImpact: missionImpactOf(input),
  };
}

function exploitationOf(input: RiskInput): SsvcExploitation {
  if (input.kev) {
    return 'active';
  }
  const epss = input.epss?.probability ?? null;
  if ((epss !== null && epss >= SSVC_EPSS_POC_THRESHOLD) || input.exploitHint) {
    return 'poc';
  }
  return 'none';
}

/**
 * Total when the attacker gains full control or full disclosure: both
 * confidentiality and integrity impact high, or, without privileges, one of
 * them high and the other at least low. This follows CERT/CC's mapping of
 * CVSS 4.0 metrics to technical impact, applied to 3.x and 2.0 as well.
 */
function technicalImpactOf(input: RiskInput): SsvcTechnicalImpact {
  if (input.cvss === null) {
    return input.severity === 'critical' ? 'total' : 'partial';
  }

  const { privilegesRequired, confidentiality, integrity } = cvssImpactMetricsOf(input.cvss);
  const atLeastLow = (level: MetricLevel | null): boolean => level === 'low' || level === 'high';
  if (confidentiality === 'high' && integrity === 'high') {
    return 'total';
  }
  if (privilegesRequired === 'none' && ((confidentiality === 'high' && atLeastLow(integrity)) || (integrity === 'high' && atLeastLow(confidentiality)))) {
    return 'total';
  }
  return 'partial';
}

function missionImpactOf(input: RiskInput): SsvcMissionImpact {
  if (input.criticality === 'high' || input.dataClasses.some((dataClass) => HIGH_IMPACT_DATA.has(dataClass))) {
    return 'high';
  }
  if (input.criticality === 'medium' || input.dataClasses.includes('pii')) {
    return 'medium';
  }
  return 'low';
}
