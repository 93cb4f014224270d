import type { Cvss, ParsedFinding } from '@sieve/contracts';
import { ghsaIdsFromUrls } from '../../advisory-ids.js';
import { addCvssVector, severityFromVectors } from '../../cvss-vectors.js';
import { buildFinding } from '../../finding-builder.js';
import { arr, entries, field, isObject, str, strings, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import { NPM_AUDIT_TOOL, npmPackage, stringOrList, type NpmAuditContext } from './npm-audit.context.js';
import { npmSeverity } from './npm-audit.severity.js';

/**
 * Reads npm 7+ output (auditReportVersion 2): one finding per advisory object
 * in the `via` list of each vulnerable package. A string entry of `via` names
 * the dependency through which the package is affected. That dependency has
 * its own entry with the advisory, so a string entry adds no finding.
 */
export function parseV2Vulnerabilities(vulnerabilities: unknown, context: NpmAuditContext): ParsedFinding[] {
  const findings: ParsedFinding[] = [];
  for (const [key, entry] of entries(vulnerabilities)) {
    const at = pointer('/vulnerabilities', key);
    if (!isObject(entry)) {
      context.warnings.push({ message: `vulnerability entry "${key}" is not an object; skipped`, location: at });
      continue;
    }
    arr(field(entry, 'via')).forEach((via, index) => {
      if (typeof via === 'string') {
        return;
      }
      const finding = advisoryFinding(via, entry, key, pointer(at, 'via', index), context);
      if (finding !== null) {
        findings.push(finding);
      }
    });
  }
  return findings;
}

function advisoryFinding(via: unknown, entry: JsonObject, key: string, location: string, context: NpmAuditContext): ParsedFinding | null {
  const source = str(field(via, 'source'));
  const url = str(field(via, 'url'));
  if (!isObject(via) || (source === null && url === null)) {
    context.warnings.push({ message: 'advisory without "source" or "url" skipped', location });
    return null;
  }

  const name = str(field(via, 'name')) ?? str(field(entry, 'name')) ?? key;
  const ghsaIds = ghsaIdsFromUrls(url === null ? [] : [url]);
  const cvss = readCvss(via, location, context);
  const toolSeverity = str(field(via, 'severity'));
  const range = str(field(via, 'range'));

  return buildFinding({
    tool: NPM_AUDIT_TOOL,
    category: 'sca',
    title: str(field(via, 'title')) ?? ghsaIds[0] ?? `npm advisory ${source ?? url}`,
    description: describe(name, range, strings(field(entry, 'nodes'))),
    ruleId: source,
    cwes: stringOrList(field(via, 'cwe')),
    vulnerabilityIds: ghsaIds,
    severity: toolSeverity === null ? severityFromVectors(cvss) : npmSeverity(toolSeverity),
    toolSeverity,
    cvss,
    package: npmPackage(name, null, fixedVersionsOf(entry, name)),
    references: url === null ? [] : [url],
    sourcePointer: location,
  });
}

/** Describes the affected range and where npm found the package installed, because v2 output has no installed version. */
function describe(name: string, range: string | null, nodes: string[]): string | null {
  const parts = [range === null ? null : `Vulnerable versions of ${name}: ${range}.`, nodes.length === 0 ? null : `Installed at ${nodes.join(', ')}.`];
  const text = parts.filter((part): part is string => part !== null).join(' ');
  return text.length > 0 ? text : null;
}

function readCvss(via: JsonObject, location: string, context: NpmAuditContext): Cvss[] {
  const cvss: Cvss[] = [];
  const vector = str(field(field(via, 'cvss'), 'vectorString'));
  if (vector !== null) {
    addCvssVector(cvss, vector, null, pointer(location, 'cvss', 'vectorString'), context.warnings);
  }
  return cvss;
}

/**
 * fixAvailable names the upgrade that clears the entry, which is often a
 * parent package ("vercel@32.3.0" fixes "debug"). Only an upgrade of the
 * vulnerable package itself is a fixed version of it.
 */
function fixedVersionsOf(entry: JsonObject, name: string): string[] {
  const fix = field(entry, 'fixAvailable');
  const version = str(field(fix, 'version'));
  return version !== null && str(field(fix, 'name')) === name ? [version] : [];
}
