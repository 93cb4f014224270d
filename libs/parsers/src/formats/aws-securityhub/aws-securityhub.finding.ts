import type { Cvss, FindingCategory, ParsedFinding, Tool, TriageStatement } from '@sieve/contracts';
import { normalizeRepoPath } from '@sieve/domain';
import { addCvssVector, withVersionPrefix } from '../../cvss-vectors.js';
import { buildFinding, type FindingFields } from '../../finding-builder.js';
import { arr, field, str, strings, type JsonObject } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseWarning } from '../../report-format.js';
import { readVulnerablePackage } from './aws-securityhub.package.js';
import { inspectorPlatform, readResource, type ResourceReading } from './aws-securityhub.resource.js';
import { readAsffSeverity } from './aws-securityhub.severity.js';

const THREAT_TYPE_PREFIXES = ['TTPs/', 'Effects/', 'Unusual Behaviors/'];
const CVE_TYPE = 'Software and Configuration Checks/Vulnerabilities/CVE';
const LEADING_VULNERABILITY_ID = /^((?:CVE|GHSA)-[A-Za-z0-9-]{4,40})\b/;

/**
 * Maps one ASFF finding. A finding with Vulnerabilities becomes one finding
 * per vulnerability and distinct package, because Inspector lists several
 * packages and sometimes the same one twice. Every other finding maps one to one.
 */
export function readAsffFinding(finding: JsonObject, id: string, tool: Tool, at: string, warnings: ParseWarning[]): ParsedFinding[] {
  const types = strings(field(finding, 'Types'));
  const resource = readResource(finding);
  const base = baseFields(finding, id, tool, types, resource, at);

  const vulnerabilities = arr(field(finding, 'Vulnerabilities'));
  if (vulnerabilities.length > 0) {
    return readVulnerabilities(finding, id, vulnerabilities, base, resource, at, warnings);
  }
  if (types.includes(CVE_TYPE)) {
    warnings.push({ message: 'vulnerability finding has no Vulnerabilities details; the package is unknown', location: at });
    const titleId = LEADING_VULNERABILITY_ID.exec(str(field(finding, 'Title'))?.slice(0, 100) ?? '')?.[1];
    return [buildFinding({ ...base, category: packageCategory(resource), ruleId: titleId ?? base.ruleId, vulnerabilityIds: titleId === undefined ? [] : [titleId] })];
  }
  return [buildFinding({ ...base, category: categoryOf(finding, types) })];
}

/** Reads the fields that every finding of one ASFF record shares. */
function baseFields(finding: JsonObject, id: string, tool: Tool, types: string[], resource: ResourceReading, at: string): FindingFields {
  const severity = readAsffSeverity(finding);
  const title = str(field(finding, 'Title'));
  const isThreat = types.some((type) => THREAT_TYPE_PREFIXES.some((prefix) => type.startsWith(prefix)));
  return {
    tool,
    title: title ?? id,
    description: describe(finding),
    ruleId: ruleOf(finding, types, isThreat),
    fingerprint: id,
    severity: severity.severity,
    toolSeverity: severity.toolSeverity,
    location: { resourceType: resource.type, resourceName: resource.id },
    triage: workflowTriage(finding),
    references: [str(field(finding, 'SourceUrl')), str(field(field(field(finding, 'Remediation'), 'Recommendation'), 'Url'))].filter(
      (url): url is string => url !== null,
    ),
    sourcePointer: at,
  };
}

function readVulnerabilities(
  finding: JsonObject,
  id: string,
  vulnerabilities: unknown[],
  base: FindingFields,
  resource: ResourceReading,
  at: string,
  warnings: ParseWarning[],
): ParsedFinding[] {
  const platform = inspectorPlatform(finding);
  const findings: ParsedFinding[] = [];
  vulnerabilities.forEach((vulnerability, index) => {
    const vulnerabilityAt = pointer(at, 'Vulnerabilities', index);
    const vulnerabilityId = str(field(vulnerability, 'Id'));
    if (vulnerabilityId === null) {
      warnings.push({ message: 'vulnerability has no Id; skipped', location: vulnerabilityAt });
      return;
    }
    const cvss = readCvss(vulnerability, vulnerabilityAt, warnings);
    const seen = new Set<string>();
    arr(field(vulnerability, 'VulnerablePackages')).forEach((entry, packageIndex) => {
      const packageAt = pointer(vulnerabilityAt, 'VulnerablePackages', packageIndex);
      const pkg = readVulnerablePackage(entry, platform);
      if (pkg === null) {
        warnings.push({ message: 'vulnerable package has no usable Name and Version; skipped', location: packageAt });
        return;
      }
      if (seen.has(pkg.purl)) {
        return;
      }
      seen.add(pkg.purl);
      const filePath = str(field(entry, 'FilePath'));
      findings.push(
        buildFinding({
          ...base,
          category: packageCategory(resource),
          // Inspector's GeneratorId is the same for every finding, so the vulnerability is the rule.
          ruleId: vulnerabilityId,
          fingerprint: `${id}|${vulnerabilityId}|${pkg.purl}`,
          vulnerabilityIds: [vulnerabilityId],
          aliases: strings(field(vulnerability, 'RelatedVulnerabilities')),
          cvss,
          package: pkg,
          location: {
            ...base.location,
            path: filePath === null ? null : normalizeRepoPath(filePath),
            image: resource.image,
            imageDigest: resource.image === null ? null : resource.imageDigest,
            layer: str(field(entry, 'SourceLayerHash')),
          },
          references: [...(base.references ?? []), str(field(field(vulnerability, 'Vendor'), 'Url')), ...strings(field(vulnerability, 'ReferenceUrls'))].filter(
            (url): url is string => url !== null,
          ),
          sourcePointer: packageAt,
        }),
      );
    });
    if (seen.size === 0) {
      warnings.push({ message: 'vulnerability lists no usable vulnerable package; kept without a package', location: vulnerabilityAt });
      findings.push(
        buildFinding({
          ...base,
          category: packageCategory(resource),
          ruleId: vulnerabilityId,
          fingerprint: `${id}|${vulnerabilityId}`,
          vulnerabilityIds: [vulnerabilityId],
          cvss,
          sourcePointer: vulnerabilityAt,
        }),
      );
    }
  });
  return findings;
}

function readCvss(vulnerability: unknown, at: string, warnings: ParseWarning[]): Cvss[] {
  const cvss: Cvss[] = [];
  arr(field(vulnerability, 'Cvss')).forEach((entry, index) => {
    const vector = str(field(entry, 'BaseVector'));
    if (vector !== null) {
      addCvssVector(cvss, withVersionPrefix(vector, str(field(entry, 'Version'))), str(field(entry, 'Source')), pointer(at, 'Cvss', index), warnings);
    }
  });
  return cvss;
}

function packageCategory(resource: ResourceReading): FindingCategory {
  return resource.type === 'AwsEcrContainerImage' || resource.image !== null ? 'container' : 'sca';
}

/** GuardDuty and other threat detections are runtime findings; control checks are cloud configuration (iac). */
function categoryOf(finding: JsonObject, types: string[]): FindingCategory {
  if (types.some((type) => THREAT_TYPE_PREFIXES.some((prefix) => type.startsWith(prefix)))) {
    return 'runtime';
  }
  if (field(finding, 'Compliance') !== undefined || types.some((type) => type.startsWith('Software and Configuration Checks/'))) {
    return 'iac';
  }
  return 'other';
}

/**
 * Returns the rule: a threat's finding type (the last part of its type path, such as
 * "Recon:EC2-Portscan"), else the Security Hub control id, else GeneratorId.
 */
function ruleOf(finding: JsonObject, types: string[], isThreat: boolean): string | null {
  const threatType = isThreat ? types[0]?.split('/').at(-1) : undefined;
  return threatType ?? str(field(field(finding, 'Compliance'), 'SecurityControlId')) ?? str(field(finding, 'GeneratorId'));
}

function describe(finding: JsonObject): string {
  const product = str(field(finding, 'ProductName'));
  const company = str(field(finding, 'CompanyName'));
  const recommendation = str(field(field(field(finding, 'Remediation'), 'Recommendation'), 'Text'));
  return [
    str(field(finding, 'Description')),
    recommendation === null ? null : `Remediation: ${recommendation}`,
    product === null ? null : `Reported by ${product}${company === null ? '' : ` (${company})`}.`,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}

function workflowTriage(finding: JsonObject): TriageStatement | null {
  const status = str(field(field(finding, 'Workflow'), 'Status')) ?? str(field(finding, 'WorkflowState'));
  return status === 'SUPPRESSED' ? { state: 'suppressed', justification: null, detail: 'workflow status SUPPRESSED in Security Hub' } : null;
}
