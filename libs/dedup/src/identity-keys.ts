import type { NormalizedFinding } from '@sieve/contracts';
import { packageIdentity, versionForIdentity } from '@sieve/domain';

/**
 * Version of the rules below. A change to any key recipe bumps it, and a
 * migration re-keys existing findings; findings are never closed and
 * recreated because their keys changed.
 */
export const IDENTITY_RULES_VERSION = 1;

export type MatchRule = 'package-vulnerability' | 'secret-hash' | 'tool-fingerprint' | 'rule-location' | 'dast-endpoint' | 'iac-resource' | 'fallback';

export interface IdentityKey {
  key: string;
  rule: MatchRule;
}

export interface FindingIdentity {
  /** Keys under which this finding is known; any shared key makes two findings one. */
  keys: IdentityKey[];
  /** Identifies this tool's sighting, so a rescan updates its evidence instead of adding one. */
  sightingKey: string;
}

/**
 * Computes the identity keys of a normalized finding. Keys never contain
 * volatile values (scan times, image tags, build numbers, report ids).
 *
 * - Dependency and container findings: one key per vulnerability id and alias,
 *   over the asset, the package (purl without version or qualifiers) and the
 *   version, so tools that agree on any id for the same installed package meet.
 * - Secrets: the secret's hash in its file.
 * - Static analysis: the tool's own fingerprint when it has one; otherwise the
 *   rule and the file plus the snippet hash (or the line when there is no
 *   snippet).
 * - Dynamic: method, URL without query string, parameter and rule.
 * - Infrastructure as code: file, resource and rule.
 */
export function identityOf(event: NormalizedFinding): FindingIdentity {
  const { finding, asset } = event;
  const tool = finding.tool.name.toLowerCase();
  const keys = primaryKeys(event);
  const toolKey = finding.fingerprint ? `fp:${finding.fingerprint}` : keys[0]!.key;
  return { keys, sightingKey: `${tool}|${asset}|${event.scope}|${toolKey}` };
}

function primaryKeys(event: NormalizedFinding): IdentityKey[] {
  const { finding, asset } = event;
  const tool = finding.tool.name.toLowerCase();
  const location = finding.location;

  if (finding.package && finding.vulnerabilityIds.length > 0) {
    const pkg = packageIdentity(finding.package.purl) ?? finding.package.purl;
    const version = finding.package.version ? versionForIdentity(finding.package.ecosystem, finding.package.version) : '*';
    return finding.vulnerabilityIds.map((id) => ({ key: `dep|${asset}|${pkg}|${version}|${id}`, rule: 'package-vulnerability' as const }));
  }

  if (finding.secret) {
    return [{ key: `secret|${asset}|${location.path ?? '-'}|${finding.secret.sha256}`, rule: 'secret-hash' }];
  }

  const keys: IdentityKey[] = [];
  if (finding.fingerprint) {
    keys.push({ key: `fp|${tool}|${asset}|${finding.ruleId ?? '-'}|${finding.fingerprint}`, rule: 'tool-fingerprint' });
  }
  if (finding.category === 'dast' && location.url) {
    const url = location.url.split(/[?#]/)[0];
    keys.push({ key: `dast|${tool}|${asset}|${location.method ?? '-'}|${url}|${location.parameter ?? '-'}|${finding.ruleId ?? finding.title}`, rule: 'dast-endpoint' });
  } else if (finding.category === 'iac') {
    keys.push({ key: `iac|${tool}|${asset}|${location.path ?? '-'}|${location.resourceName ?? '-'}|${finding.ruleId ?? finding.title}`, rule: 'iac-resource' });
  } else if (location.path) {
    const anchor = location.snippetHash ?? `L${location.startLine ?? '-'}`;
    keys.push({ key: `loc|${tool}|${asset}|${finding.ruleId ?? finding.title}|${location.path}|${anchor}`, rule: 'rule-location' });
  }
  if (keys.length === 0) {
    const ids = finding.vulnerabilityIds.join(',');
    keys.push({ key: `other|${tool}|${asset}|${finding.ruleId ?? '-'}|${finding.title}|${ids}|${location.url ?? location.resourceName ?? '-'}`, rule: 'fallback' });
  }
  return keys;
}
