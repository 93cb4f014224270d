import type { Package, ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { arr, field, isObject, str, strings } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import { buildPackage } from '../../package-builder.js';
import type { Component, ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';

export const pipAuditFormat: ReportFormat = {
  id: 'pip-audit',
  displayName: 'pip-audit JSON (`{"dependencies": [...]}` of pip-audit 2, and the earlier top-level array)',
  detect: detectPipAudit,
  parse: parsePipAudit,
};

const PIP_AUDIT_TOOL = { name: 'pip-audit', version: null };

function detectPipAudit(input: ReportInput): boolean {
  if (!input.isJson()) {
    return false;
  }
  const report = input.json();
  const dependencies = Array.isArray(report) ? report : field(report, 'dependencies');
  if (!Array.isArray(dependencies) || dependencies.length === 0) {
    return false;
  }
  return isDependency(dependencies[0]);
}

/** Returns true for a dependency entry: a name with either a vulns list or the reason pip-audit skipped it. */
function isDependency(value: unknown): boolean {
  return str(field(value, 'name')) !== null && (Array.isArray(field(value, 'vulns')) || str(field(value, 'skip_reason')) !== null);
}

function parsePipAudit(input: ReportInput): ParseResult {
  const report = input.json();
  const dependencies = Array.isArray(report) ? report : field(report, 'dependencies');
  if (!Array.isArray(dependencies)) {
    throw new ReportRejectedError('invalid_report', 'pip-audit report is neither an object with a "dependencies" array nor an array of dependencies', '');
  }

  const base = Array.isArray(report) ? '' : '/dependencies';
  const warnings: ParseWarning[] = [];
  const findings: ParsedFinding[] = [];
  const components: Component[] = [];
  dependencies.forEach((dependency, index) => {
    const at = pointer(base, index);
    const name = str(field(dependency, 'name'));
    if (!isObject(dependency) || name === null) {
      warnings.push({ message: 'dependency without "name" skipped', location: at });
      return;
    }
    const skipReason = str(field(dependency, 'skip_reason'));
    if (skipReason !== null) {
      warnings.push({ message: `pip-audit did not audit ${name}: ${skipReason.slice(0, 300)}`, location: at });
      return;
    }
    const version = str(field(dependency, 'version'));
    const component = pypiPackage(name, version, []);
    if (component !== null) {
      components.push({ purl: component.purl, name, version, licenses: [], direct: null });
    }
    arr(field(dependency, 'vulns')).forEach((vulnerability, vulnerabilityIndex) => {
      const finding = vulnerabilityFinding(vulnerability, name, version, pointer(at, 'vulns', vulnerabilityIndex), warnings);
      if (finding !== null) {
        findings.push(finding);
      }
    });
  });
  return { tool: PIP_AUDIT_TOOL, findings, warnings, assetName: null, complete: true, components, secretValues: [] };
}

/**
 * Builds one finding from an entry of vulns[]. pip-audit gives no severity
 * and no CVSS, so severity stays unknown. The purl names the package the way
 * PyPI normalises names: lower case, with runs of "-", "_" and "." as "-".
 */
function vulnerabilityFinding(vulnerability: unknown, name: string, version: string | null, at: string, warnings: ParseWarning[]): ParsedFinding | null {
  const id = str(field(vulnerability, 'id'));
  if (!isObject(vulnerability) || id === null) {
    warnings.push({ message: 'vulnerability without "id" skipped', location: at });
    return null;
  }
  const pkg = pypiPackage(name, version, strings(field(vulnerability, 'fix_versions')));
  return buildFinding({
    tool: PIP_AUDIT_TOOL,
    category: 'sca',
    title: `${id} in ${name}${version === null ? '' : ` ${version}`}`,
    description: str(field(vulnerability, 'description')),
    vulnerabilityIds: [id],
    aliases: strings(field(vulnerability, 'aliases')),
    package: pkg,
    sourcePointer: at,
  });
}

/** Builds the package with the normalised name in the purl and pip-audit's spelling of the name beside it. */
function pypiPackage(name: string, version: string | null, fixedVersions: string[]): Package | null {
  const built = buildPackage({ type: 'pypi', name: normalizePypiName(name), version, fixedVersions });
  return built === null ? null : { purl: built.purl, ecosystem: built.ecosystem, name, version, fixedVersions };
}

/** PEP 503 name normalisation; packageurl-js lower-cases and turns "_" into "-", but leaves "." and runs of separators. */
function normalizePypiName(name: string): string {
  return name
    .slice(0, 300)
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}
