import type { FindingEnriched, Severity } from '@sieve/contracts';
import type { FindingSummary } from '@sieve/persistence';
import type { RiskInput } from '@sieve/scoring';

/** Everything a policy scores a finding on: the finding's own severity and CVSS, and the context enrich attached. */
export function riskInputOf(finding: FindingSummary, context: FindingEnriched): RiskInput {
  return {
    severity: finding.severity as Severity,
    cvss: finding.cvss,
    exposure: context.exposure,
    exposureSource: context.exposureSource,
    dataClasses: context.dataClasses,
    dataClassesSource: context.dataClassesSource,
    criticality: context.criticality,
    criticalitySource: context.criticalitySource,
    kev: context.kev,
    epss: context.epss,
    exploitHint: context.exploitHint === null ? null : { source: context.exploitHint },
    reachability: context.reachability,
    reachabilitySource: context.reachabilitySource,
    reachabilityReason: context.reachabilityReason,
    blastRadius: context.blastRadius,
  };
}
