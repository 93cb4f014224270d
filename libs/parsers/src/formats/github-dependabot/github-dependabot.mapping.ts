import type { Severity, TriageStatement } from '@sieve/contracts';

// GitHub's advisory severities. MEDIUM is not GitHub's word but appears in exports.
const GITHUB_SEVERITIES = new Map<string, Severity>([
  ['CRITICAL', 'critical'],
  ['HIGH', 'high'],
  ['MODERATE', 'medium'],
  ['MEDIUM', 'medium'],
  ['LOW', 'low'],
]);

/** Maps GitHub's SecurityAdvisorySeverity (CRITICAL, HIGH, MODERATE, LOW) to Sieve's scale. */
export function githubSeverity(value: string | null): Severity {
  if (value === null) {
    return 'unknown';
  }
  return GITHUB_SEVERITIES.get(value.toUpperCase()) ?? 'unknown';
}

// GitHub's SecurityAdvisoryEcosystem values to purl types.
const ECOSYSTEM_PURL_TYPES = new Map<string, string>([
  ['NPM', 'npm'],
  ['PIP', 'pypi'],
  ['MAVEN', 'maven'],
  ['RUBYGEMS', 'gem'],
  ['NUGET', 'nuget'],
  ['COMPOSER', 'composer'],
  ['GO', 'golang'],
  ['RUST', 'cargo'],
  ['ERLANG', 'hex'],
  ['PUB', 'pub'],
  ['SWIFT', 'swift'],
  ['ACTIONS', 'githubactions'],
]);

/** Returns the purl type of a GitHub ecosystem, or "generic" when the alert names none or one Sieve does not map. */
export function purlType(ecosystem: string | null): string {
  return ECOSYSTEM_PURL_TYPES.get((ecosystem ?? '').toUpperCase()) ?? 'generic';
}

// Dismiss reasons (RepositoryVulnerabilityAlertDismissReason) to triage states.
const DISMISS_STATES = new Map<string, string>([
  ['INACCURATE', 'false_positive'],
  ['NOT_USED', 'not_affected'],
  ['TOLERABLE_RISK', 'suppressed'],
  ['NO_BANDWIDTH', 'suppressed'],
  ['FIX_STARTED', 'affected'],
]);

/**
 * Maps the alert's state to a triage statement. FIXED is fixed, a DISMISSED
 * alert maps by its dismiss reason, AUTO_DISMISSED (dismissed by an
 * auto-triage rule) is suppressed, and OPEN is no decision.
 */
export function alertTriage(state: string | null, dismissReason: string | null, dismissComment: string | null): TriageStatement | null {
  const upper = state?.toUpperCase() ?? 'OPEN';
  const justification = dismissReason?.toLowerCase() ?? null;
  if (upper === 'FIXED') {
    return { state: 'fixed', justification: null, detail: null };
  }
  if (upper === 'AUTO_DISMISSED') {
    return { state: 'suppressed', justification, detail: dismissComment };
  }
  if (upper === 'DISMISSED') {
    return { state: DISMISS_STATES.get(dismissReason?.toUpperCase() ?? '') ?? 'suppressed', justification, detail: dismissComment };
  }
  return null;
}
