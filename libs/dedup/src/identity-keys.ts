import type { NormalizedFinding } from '@sieve/contracts';
import { normalizeRepoPath, packageIdentity, versionForIdentity } from '@sieve/domain';
import { codeIdentityAnchor } from './code-correlation.js';
import { dastEndpointKey } from './dast-endpoint.js';
import { iacControlKey, iacTarget } from './iac-correlation.js';
import { stripVolatile } from './volatile-values.js';

/**
 * Version of the rules below. A change to any key recipe bumps it, and a
 * migration re-keys existing findings; findings are never closed and
 * recreated because their keys changed. Version 2 keys code findings by
 * snippet or message instead of line, DAST findings by templated endpoint,
 * and IaC findings by mapped control instead of tool and rule. Version 3
 * compares PyPI package names folded as pip folds them ("." and "_" as "-").
 */
export const IDENTITY_RULES_VERSION = 3;

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
 * volatile values (scan times, image tags, build numbers, report ids): free
 * text that enters a key goes through stripVolatile.
 *
 * - Dependency and container findings: one key per vulnerability id and alias,
 *   over the asset, the package (purl without version or qualifiers) and the
 *   version, so tools that agree on any id for the same installed package meet.
 * - Secrets: the secret's hash in its file.
 * - Static analysis: the tool's own fingerprint when it has one; the rule, the
 *   file and codeIdentityAnchor (snippet hash, else message hash) when it has
 *   no fingerprint or has a snippet. Other tools meet it by correlateCode.
 * - Dynamic: tool, method, templated endpoint, parameter and rule (other tools
 *   meet it by correlateDast).
 * - Infrastructure as code: asset, file, canonical resource (`*` for a
 *   file-scoped control) and the mapped control, so Checkov, tfsec, Trivy and
 *   KICS meet on a mapped check; an unmapped rule keys on tool and rule.
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
  const path = location.path === null ? null : normalizeRepoPath(location.path);
  const rule = finding.ruleId ?? stripVolatile(finding.title);

  if (finding.package && finding.vulnerabilityIds.length > 0) {
    const pkg = packageIdentity(finding.package.purl) ?? finding.package.purl;
    const version = finding.package.version ? versionForIdentity(finding.package.ecosystem, finding.package.version) : '*';
    return finding.vulnerabilityIds.map((id) => ({ key: `dep|${asset}|${pkg}|${version}|${id}`, rule: 'package-vulnerability' as const }));
  }

  if (finding.secret) {
    return [{ key: `secret|${asset}|${path ?? '-'}|${finding.secret.sha256}`, rule: 'secret-hash' }];
  }

  const keys: IdentityKey[] = [];
  if (finding.fingerprint) {
    keys.push({ key: `fp|${tool}|${asset}|${finding.ruleId ?? '-'}|${finding.fingerprint}`, rule: 'tool-fingerprint' });
  }
  const endpoint = finding.category === 'dast' ? dastEndpointKey(location.url, location.method, location.parameter) : null;
  if (endpoint !== null) {
    keys.push({ key: `dast|${tool}|${asset}|${endpoint}|${rule}`, rule: 'dast-endpoint' });
  } else if (finding.category === 'iac') {
    keys.push({ key: `iac|${asset}|${path ?? '-'}|${iacTarget(finding)}|${iacControlKey(finding)}`, rule: 'iac-resource' });
  } else if (path !== null && (!finding.fingerprint || location.snippetHash !== null)) {
    // A message anchor is too coarse to stand beside a tool fingerprint: two
    // findings the tool distinguishes would share it.
    keys.push({ key: `loc|${tool}|${asset}|${rule}|${path}|${codeIdentityAnchor(finding)}`, rule: 'rule-location' });
  }
  if (keys.length === 0) {
    const ids = finding.vulnerabilityIds.join(',');
    const where = stripVolatile(location.url ?? location.resourceName ?? location.image ?? '-');
    keys.push({ key: `other|${tool}|${asset}|${finding.ruleId ?? '-'}|${stripVolatile(finding.title)}|${ids}|${where}`, rule: 'fallback' });
  }
  return keys;
}
