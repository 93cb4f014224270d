import type { Cvss, Package, ParsedFinding } from '@sieve/contracts';
import { normalizeRepoPath } from '@sieve/domain';
import { addCvssVector, severityFromVectors } from '../../cvss-vectors.js';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, isObject, str, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import { buildPackage } from '../../package-builder.js';
import type { ParseWarning } from '../../report-format.js';
import { alertTriage, githubSeverity, purlType } from './github-dependabot.mapping.js';

export const DEPENDABOT_TOOL = { name: 'dependabot', version: null };

/** Reads one vulnerability alert node, or returns null after a warning when it has no securityVulnerability. */
export function alertFinding(alert: unknown, location: string, warnings: ParseWarning[]): ParsedFinding | null {
  const vulnerability = field(alert, 'securityVulnerability');
  const advisory = field(vulnerability, 'advisory');
  if (!isObject(alert) || !isObject(vulnerability)) {
    warnings.push({ message: 'alert without securityVulnerability skipped', location });
    return null;
  }

  const ids = advisoryIds(advisory);
  const cvss = readCvss(advisory, pointer(location, 'securityVulnerability', 'advisory'), warnings);
  const toolSeverity = str(field(vulnerability, 'severity')) ?? str(field(advisory, 'severity'));
  const pkg = alertPackage(alert, vulnerability);
  const manifest = str(field(alert, 'vulnerableManifestPath'));
  const summary = str(field(advisory, 'summary')) ?? ids[0] ?? 'Dependabot alert';

  return buildFinding({
    tool: DEPENDABOT_TOOL,
    category: 'sca',
    title: pkg === null ? summary : `${summary} in ${pkg.name}${pkg.version === null ? '' : ` ${pkg.version}`}`,
    description: str(field(advisory, 'description')),
    fingerprint: str(field(alert, 'id')),
    cwes: arr(field(field(advisory, 'cwes'), 'nodes')).map((cwe) => str(field(cwe, 'cweId'))).filter((cwe): cwe is string => cwe !== null),
    vulnerabilityIds: ids.slice(0, 1),
    aliases: ids.slice(1),
    severity: toolSeverity === null ? severityFromVectors(cvss) : githubSeverity(toolSeverity),
    toolSeverity,
    cvss,
    package: pkg,
    references: referencesOf(advisory),
    location: { path: manifest === null ? null : normalizeRepoPath(manifest) },
    triage: alertTriage(str(field(alert, 'state')), str(field(alert, 'dismissReason')), str(field(alert, 'dismissComment'))),
    sourcePointer: location,
  });
}

/** Lists the GHSA id first (advisory.ghsaId or a GHSA identifier), then every other identifier in report order. */
function advisoryIds(advisory: unknown): string[] {
  const identifiers = arr(field(advisory, 'identifiers'))
    .map((identifier) => ({ type: str(field(identifier, 'type'))?.toUpperCase() ?? '', value: str(field(identifier, 'value')) }))
    .filter((identifier): identifier is { type: string; value: string } => identifier.value !== null);
  const ghsa = str(field(advisory, 'ghsaId')) ?? identifiers.find((identifier) => identifier.type === 'GHSA')?.value ?? null;
  const rest = identifiers.map((identifier) => identifier.value).filter((id) => id !== ghsa);
  return ghsa === null ? rest : [ghsa, ...rest];
}

/**
 * The installed version is known when vulnerableRequirements pins one
 * ("= 5.3.29"); a range such as ">= 1.0, < 2.0" leaves it unknown. The fixed
 * version is firstPatchedVersion.identifier.
 */
function alertPackage(alert: JsonObject, vulnerability: JsonObject): Package | null {
  const name = str(field(field(vulnerability, 'package'), 'name'));
  if (name === null) {
    return null;
  }
  const requirement = str(field(alert, 'vulnerableRequirements'));
  const pinned = requirement === null || requirement.length > 200 ? null : /^=\s*([^\s,<>=|]+)$/.exec(requirement.trim());
  const fixed = str(field(field(vulnerability, 'firstPatchedVersion'), 'identifier'));
  return buildPackage({
    type: purlType(str(field(field(vulnerability, 'package'), 'ecosystem'))),
    name,
    version: pinned?.[1] ?? null,
    fixedVersions: fixed === null ? [] : [fixed],
  });
}

function readCvss(advisory: unknown, location: string, warnings: ParseWarning[]): Cvss[] {
  const cvss: Cvss[] = [];
  const vector = str(field(field(advisory, 'cvss'), 'vectorString'));
  if (vector !== null) {
    addCvssVector(cvss, vector, 'ghsa', pointer(location, 'cvss', 'vectorString'), warnings);
  }
  for (const key of ['cvssV3', 'cvssV4']) {
    const versioned = str(field(field(field(advisory, 'cvssSeverities'), key), 'vectorString'));
    if (versioned !== null) {
      addCvssVector(cvss, versioned, 'ghsa', pointer(location, 'cvssSeverities', key, 'vectorString'), warnings);
    }
  }
  return cvss;
}

function referencesOf(advisory: unknown): string[] {
  const permalink = str(field(advisory, 'permalink'));
  const urls = arr(field(advisory, 'references')).map((reference) => str(field(reference, 'url')));
  return [permalink, ...urls].filter((url): url is string => url !== null);
}
