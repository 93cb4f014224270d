import type { Package } from '@sieve/contracts';
import { buildPackage, splitVersionList } from '../../package-builder.js';
import type { ProducerKind } from './sarif.category.js';

// SARIF has no package field, so Trivy and Grype name the package only in the
// message text. These patterns follow their message templates: Trivy writes
// "Package: <name>\nInstalled Version: <version>\n…\nFixed Version: <fix>"
// (pkg/report/sarif.go in aquasecurity/trivy), Grype "… reports <name> at version <version> which
// … vulnerable (<type>) package …".
const TRIVY_NAME = /^Package: (.+)$/m;
const TRIVY_VERSION = /^Installed Version: (.+)$/m;
const TRIVY_FIXED = /^Fixed Version: (.*)$/m;
const GRYPE_PACKAGE = /reports (\S+) at version (\S+)\s+which .*?vulnerable \(([^)]+)\) package/;

// Grype package types whose purl needs nothing the SARIF message lacks.
// Distribution packages need the distro and Java archives the Maven group,
// so those fall back to the generic type.
const GRYPE_PURL_TYPES = new Map([
  ['npm', 'npm'],
  ['python', 'pypi'],
  ['gem', 'gem'],
  ['go-module', 'golang'],
  ['rust-crate', 'cargo'],
  ['dotnet', 'nuget'],
]);

/**
 * Reads the vulnerable package of a Trivy or Grype result from its message.
 * The purl type is "generic" where the SARIF log does not name the ecosystem
 * (Trivy never does), so two packages with the same CVE stay two
 * findings even though they do not meet the same package from a JSON report.
 */
export function readPackage(producer: ProducerKind, message: string | null): Package | null {
  if (message === null) {
    return null;
  }
  if (producer === 'trivy') {
    const name = TRIVY_NAME.exec(message)?.[1]?.trim();
    const version = TRIVY_VERSION.exec(message)?.[1]?.trim() ?? null;
    const fixed = TRIVY_FIXED.exec(message)?.[1]?.trim() ?? null;
    return name === undefined ? null : buildPackage({ type: 'generic', name, version, fixedVersions: splitVersionList(fixed) });
  }
  if (producer === 'grype') {
    const match = GRYPE_PACKAGE.exec(message);
    if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) {
      return null;
    }
    return buildPackage({ type: GRYPE_PURL_TYPES.get(match[3]) ?? 'generic', name: match[1], version: match[2] });
  }
  return null;
}
