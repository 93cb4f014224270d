import type { NormalizedFinding, ParsedFinding } from '@sieve/contracts';
import { packageIdentity } from '@sieve/domain';
import { noMatch, sameTool, type Correlation } from './correlation.js';

/**
 * Decides whether a dependency finding without an installed version (npm
 * audit v2 names the package and the vulnerable range only) is the same flaw
 * as another tool's finding for the same package that has a version: same
 * asset, same package (purl without version or qualifiers) and a shared
 * vulnerability id or alias. Two findings that both have versions never
 * correlate; their exact keys already decide.
 */
export function correlateDependency(a: NormalizedFinding, b: NormalizedFinding): Correlation {
  const x = a.finding;
  const y = b.finding;
  if (x.package === null || y.package === null) {
    return noMatch('not both package findings');
  }
  if (a.asset !== b.asset) {
    return noMatch('different assets');
  }
  if (sameTool(x.tool, y.tool)) {
    return noMatch('same tool: its own findings stay apart');
  }
  if (hasVersion(x) === hasVersion(y)) {
    return noMatch(hasVersion(x) ? 'both have versions: exact keys decide' : 'neither has a version');
  }
  const pkg = packageOf(x);
  if (pkg === null || pkg !== packageOf(y)) {
    return noMatch('different packages');
  }
  const shared = x.vulnerabilityIds.filter((id) => y.vulnerabilityIds.includes(id));
  if (shared.length === 0) {
    return noMatch('no shared vulnerability id');
  }
  return { match: true, rule: 'sca-versionless', reason: `${pkg}, one version unknown, shared ${shared.join(', ')}`, distance: 0 };
}

/** The package a dependency finding is about, without version or qualifiers, or null. */
export function packageOf(finding: ParsedFinding): string | null {
  return finding.package === null ? null : (packageIdentity(finding.package.purl) ?? finding.package.purl);
}

function hasVersion(finding: ParsedFinding): boolean {
  return finding.package?.version !== null && finding.package?.version !== undefined && finding.package.version !== '';
}
