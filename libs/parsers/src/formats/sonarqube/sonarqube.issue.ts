import type { ParsedFinding, Tool, TriageStatement } from '@sieve/contracts';
import type { Severity } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, int, str, strings, type JsonObject } from '../../json-access.js';
import type { ComponentPaths } from './sonarqube.component.js';
import { impactSeverity, issueSeverity } from './sonarqube.severity.js';

const CWE_TAG = /^cwe-(\d{1,5})$/i;
// Rules of the OWASP Dependency-Check plugin, whose issues are package vulnerabilities.
const DEPENDENCY_CHECK_RULE_PREFIX = 'OWASP:';
// Applied with a global match to at most MAX_MESSAGE_SCANNED characters; no nested quantifiers.
const VULNERABILITY_ID = /\b(?:CVE-\d{4}-\d{4,7}|GHSA-[23456789cfghjmpqrvwx]{4}-[23456789cfghjmpqrvwx]{4}-[23456789cfghjmpqrvwx]{4})\b/gi;
const MAX_MESSAGE_SCANNED = 2000;

/** True when an issue is about security: type VULNERABILITY, or a SECURITY impact (SonarQube 10.2 and later). */
export function isSecurityIssue(issue: unknown): boolean {
  return str(field(issue, 'type')) === 'VULNERABILITY' || securityImpact(issue) !== undefined;
}

/**
 * True when an issue is fixed or its code is gone: status CLOSED, resolution
 * FIXED or REMOVED, or (10.4 and later) issueStatus FIXED or CLOSED.
 */
export function isResolvedIssue(issue: unknown): boolean {
  const status = str(field(issue, 'status'));
  const resolution = str(field(issue, 'resolution'));
  const issueStatus = str(field(issue, 'issueStatus'));
  return status === 'CLOSED' || resolution === 'FIXED' || resolution === 'REMOVED' || issueStatus === 'FIXED' || issueStatus === 'CLOSED';
}

/** Maps one security issue of api/issues/search. `at` is the issue's JSON pointer. */
export function readIssue(issue: JsonObject, rule: string, components: ComponentPaths, tool: Tool, at: string): ParsedFinding {
  const message = str(field(issue, 'message'));
  const severity = readSeverity(issue);
  const textRange = field(issue, 'textRange');
  const startLine = int(field(textRange, 'startLine')) ?? int(field(issue, 'line'));
  const isDependency = rule.startsWith(DEPENDENCY_CHECK_RULE_PREFIX);

  return buildFinding({
    tool,
    category: isDependency ? 'sca' : 'sast',
    title: message ?? rule,
    description: message,
    ruleId: rule,
    fingerprint: str(field(issue, 'key')),
    cwes: strings(field(issue, 'tags'))
      .map((tag) => CWE_TAG.exec(tag)?.[1])
      .filter((id): id is string => id !== undefined),
    vulnerabilityIds: isDependency ? vulnerabilityIdsIn(message) : [],
    severity: severity.severity,
    toolSeverity: severity.word,
    location: {
      path: components.pathOf(str(field(issue, 'component')), str(field(issue, 'project'))),
      startLine,
      endLine: int(field(textRange, 'endLine')) ?? startLine,
    },
    triage: resolution(issue),
    sourcePointer: at,
  });
}

function securityImpact(issue: unknown): unknown {
  return arr(field(issue, 'impacts')).find((impact) => str(field(impact, 'softwareQuality')) === 'SECURITY');
}

/** The SECURITY impact's severity when there is one, else the issue's severity. */
function readSeverity(issue: unknown): { severity: Severity; word: string | null } {
  const impactWord = str(field(securityImpact(issue), 'severity'));
  if (impactWord !== null) {
    return { severity: impactSeverity(impactWord), word: impactWord };
  }
  const word = str(field(issue, 'severity'));
  return { severity: issueSeverity(word), word };
}

/** Reads the CVE and GHSA ids the Dependency-Check plugin writes into the message ("Reference: CVE-2024-2529"). */
function vulnerabilityIdsIn(message: string | null): string[] {
  return message === null ? [] : [...new Set(message.slice(0, MAX_MESSAGE_SCANNED).match(VULNERABILITY_ID) ?? [])];
}

// Resolution FALSE-POSITIVE and WONTFIX (before 10.4); issueStatus
// FALSE_POSITIVE and ACCEPTED (10.4 and later).
function resolution(issue: unknown): TriageStatement | null {
  const resolutionWord = str(field(issue, 'resolution'));
  const issueStatus = str(field(issue, 'issueStatus'));
  if (resolutionWord === 'FALSE-POSITIVE' || issueStatus === 'FALSE_POSITIVE') {
    return { state: 'false_positive', justification: null, detail: 'marked as false positive in SonarQube' };
  }
  if (resolutionWord === 'WONTFIX' || issueStatus === 'ACCEPTED') {
    return { state: 'suppressed', justification: null, detail: 'accepted (won\'t fix) in SonarQube' };
  }
  return null;
}
