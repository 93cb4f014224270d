import type { ParsedFinding, Tool } from '@sieve/contracts';
import { imageName, ReportRejectedError } from '@sieve/domain';
import { arr, field, isObject, str, type JsonObject } from '../../json-access.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { directDependencyRefs, flattenComponents, sbomComponents, type BomComponent } from './cyclonedx.components.js';
import { propertyValue } from './cyclonedx.properties.js';
import { vulnerabilityFindings, type BomScan } from './cyclonedx.vulnerability.js';

const SUPPORTED_SPEC_VERSIONS = new Set(['1.2', '1.3', '1.4', '1.5', '1.6', '1.7']);

// Trivy names an image read from an archive file by the file; its RepoTag property has the image's name.
const IMAGE_ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.zst)$/i;

export const cyclonedxFormat: ReportFormat = {
  id: 'cyclonedx',
  displayName: 'CycloneDX JSON 1.2 to 1.7 (SBOM, VEX, SBOM with vulnerabilities)',
  detect: detectCyclonedx,
  parse: parseCyclonedx,
};

function detectCyclonedx(input: ReportInput): boolean {
  return input.isJson() && field(input.json(), 'bomFormat') === 'CycloneDX';
}

function parseCyclonedx(input: ReportInput): ParseResult {
  const bom = input.json();
  if (!isObject(bom)) {
    throw new ReportRejectedError('invalid_report', 'CycloneDX document is not a JSON object', '');
  }
  const specVersion = str(field(bom, 'specVersion'));
  if (specVersion === null || !SUPPORTED_SPEC_VERSIONS.has(specVersion)) {
    const found = specVersion === null ? 'has no specVersion' : `has specVersion ${specVersion.slice(0, 20)}`;
    throw new ReportRejectedError('unsupported_version', `CycloneDX document ${found}; supported versions are 1.2 to 1.7`, '/specVersion');
  }

  const warnings: ParseWarning[] = [];
  const components = flattenComponents(field(bom, 'components'), '/components', warnings);
  const scan = newScan(bom, components, warnings);
  const vulnerabilities = field(bom, 'vulnerabilities');
  if (vulnerabilities !== undefined && !Array.isArray(vulnerabilities)) {
    warnings.push({ message: '"vulnerabilities" is not an array; no findings read', location: '/vulnerabilities' });
  }
  const findings: ParsedFinding[] = arr(vulnerabilities).flatMap((record, index) => vulnerabilityFindings(record, index, scan));
  if (scan.resolvedRefs === 0 && scan.unresolvedRefs > 0) {
    warnings.push({
      message: `none of the ${scan.unresolvedRefs} affects refs names a component with a purl, so the findings have no package`,
      location: '/vulnerabilities',
    });
  }

  return {
    tool: scan.tool,
    findings,
    warnings,
    assetName: subjectName(bom),
    complete: true,
    components: sbomComponents(components, directDependencyRefs(bom, components)),
    secretValues: [],
  };
}

function newScan(bom: JsonObject, components: BomComponent[], warnings: ParseWarning[]): BomScan {
  const subject = field(field(bom, 'metadata'), 'component');
  const isContainer = str(field(subject, 'type')) === 'container';
  const componentsByRef = new Map<string, BomComponent>();
  for (const component of components) {
    if (component.bomRef !== null && !componentsByRef.has(component.bomRef)) {
      componentsByRef.set(component.bomRef, component);
    }
  }
  return {
    tool: producingTool(bom),
    category: isContainer ? 'container' : 'sca',
    image: isContainer ? subjectName(bom) : null,
    imageDigest: isContainer ? imageDigest(subject) : null,
    componentsByRef,
    warnings,
    resolvedRefs: 0,
    unresolvedRefs: 0,
  };
}

/**
 * Returns the tool that wrote the BOM: metadata.tools[0] up to spec 1.4, and
 * metadata.tools.components[0] from 1.5. A BOM that names no tool is
 * reported as "cyclonedx".
 */
function producingTool(bom: JsonObject): Tool {
  const tools = field(field(bom, 'metadata'), 'tools');
  const first = Array.isArray(tools) ? tools[0] : (arr(field(tools, 'components'))[0] ?? arr(field(tools, 'services'))[0]);
  const name = str(field(first, 'name'));
  return name === null ? { name: 'cyclonedx', version: null } : { name, version: str(field(first, 'version')) };
}

/** Returns metadata.component.name, as an image name without tag when the subject is a container. */
function subjectName(bom: JsonObject): string | null {
  const subject = field(field(bom, 'metadata'), 'component');
  const name = str(field(subject, 'name'));
  if (name === null || str(field(subject, 'type')) !== 'container') {
    return name;
  }
  const repoTag = propertyValue(subject, 'aquasecurity:trivy:RepoTag');
  return imageName(IMAGE_ARCHIVE.test(name) && repoTag !== null ? repoTag : name);
}

function imageDigest(subject: unknown): string | null {
  const repoDigest = propertyValue(subject, 'aquasecurity:trivy:RepoDigest');
  const at = repoDigest?.indexOf('@') ?? -1;
  if (repoDigest !== null && at >= 0) {
    return repoDigest.slice(at + 1);
  }
  return str(field(subject, 'version'))?.startsWith('sha256:') ? str(field(subject, 'version')) : propertyValue(subject, 'aquasecurity:trivy:ImageID');
}
