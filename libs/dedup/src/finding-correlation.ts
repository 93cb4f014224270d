import type { NormalizedFinding } from '@sieve/contracts';
import { normalizeRepoPath } from '@sieve/domain';
import { correlateCode, type CodeCorrelationOptions } from './code-correlation.js';
import { noMatch, type Correlation } from './correlation.js';
import { correlateDast, normalizeEndpoint } from './dast-endpoint.js';
import { correlateDependency, packageOf } from './dependency-correlation.js';
import { correlateIac, iacControlOf } from './iac-correlation.js';

/** Applies the correlation rule of the two findings' category (static analysis, IaC, DAST, or packages). */
export function correlateFindings(a: NormalizedFinding, b: NormalizedFinding, options: CodeCorrelationOptions = {}): Correlation {
  if (a.finding.package !== null && b.finding.package !== null) {
    return correlateDependency(a, b);
  }
  const category = a.finding.category;
  if (category !== b.finding.category) {
    return noMatch('different categories');
  }
  switch (category) {
    case 'sast':
      return correlateCode(a, b, options);
    case 'iac':
      return correlateIac(a, b);
    case 'dast':
      return correlateDast(a, b);
    default:
      return noMatch(`no correlation rule for ${category} findings; exact keys only`);
  }
}

/**
 * Returns a key that every pair of findings the correlation rules could match
 * shares, so that only findings in one block are compared. The key is asset
 * and file for code, and asset, control and file name for IaC, whose paths
 * may differ in their leading folders. It is asset and endpoint for DAST, and
 * asset and package for dependency findings. Null for findings no rule
 * applies to.
 */
export function correlationBlockOf(event: NormalizedFinding): string | null {
  const { finding, asset } = event;
  if (finding.package !== null) {
    return `dep|${asset}|${packageOf(finding)}`;
  }
  const path = finding.location.path === null ? null : normalizeRepoPath(finding.location.path);
  switch (finding.category) {
    case 'sast':
      return path === null || finding.location.startLine === null ? null : `sast|${asset}|${path}`;
    case 'iac': {
      const control = iacControlOf(finding.ruleId);
      return control === null || path === null ? null : `iac|${asset}|${control.id}|${path.slice(path.lastIndexOf('/') + 1)}`;
    }
    case 'dast': {
      const endpoint = normalizeEndpoint(finding.location.url, finding.location.method);
      return endpoint === null ? null : `dast|${asset}|${endpoint.endpoint}`;
    }
    default:
      return null;
  }
}
