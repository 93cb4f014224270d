import type { ParsedFinding } from '@sieve/contracts';
import { imageName, ReportRejectedError } from '@sieve/domain';
import { field, isObject, str, strings, type JsonObject } from '../../json-access.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { advisoryFindings, type SpdxScan } from './spdx.advisory.js';
import { readPackages, sbomComponents, type SpdxPackage } from './spdx.packages.js';
import { directDependencies } from './spdx.relationships.js';

export const spdxFormat: ReportFormat = {
  id: 'spdx',
  displayName: 'SPDX 2.2 and 2.3 JSON SBOM (packages, purls, relationships, SECURITY advisory references)',
  detect: detectSpdx,
  parse: parseSpdx,
};

// Purl types of operating system packages, which only an image or a host has installed.
const OS_PURL_TYPES = new Set(['apk', 'deb', 'rpm', 'alpm']);
const TOOL_CREATOR = /^Tool:\s*([^\s]{1,100})$/;

function detectSpdx(input: ReportInput): boolean {
  if (!input.isJson()) {
    return false;
  }
  const report = input.json();
  return str(field(report, 'spdxVersion'))?.startsWith('SPDX-2.') === true && str(field(report, 'SPDXID')) !== null;
}

/**
 * Reads an SPDX 2.x JSON document: its packages become components, and the
 * advisory references on them become findings. complete is false because an
 * SBOM is not a vulnerability scan: an advisory reference missing from a
 * later SBOM is no evidence that the vulnerability was fixed.
 */
function parseSpdx(input: ReportInput): ParseResult {
  const document = input.json();
  if (!isObject(document) || str(field(document, 'spdxVersion'))?.startsWith('SPDX-2.') !== true) {
    throw new ReportRejectedError('invalid_report', 'SPDX report is not a JSON object with spdxVersion "SPDX-2.x"', '');
  }

  const warnings: ParseWarning[] = [];
  const packages = readPackages(document, warnings);
  const image = containerImage(document, packages);
  const scan: SpdxScan = {
    tool: creatorTool(document),
    category: image === null ? 'sca' : 'container',
    image: image === null ? null : imageName(image),
    warnings,
  };
  const findings: ParsedFinding[] = packages.flatMap((entry) => advisoryFindings(entry, scan));
  const components = sbomComponents(packages, directDependencies(document, packages));
  const assetName = scan.image ?? str(field(document, 'name'));
  return { tool: scan.tool, findings, warnings, assetName, complete: false, components, secretValues: [] };
}

/**
 * Returns the image the document describes: the package whose
 * primaryPackagePurpose is CONTAINER, else the document name when the
 * document lists operating system packages (Syft names an image SBOM after
 * the image). Returns null for a directory or repository SBOM.
 */
function containerImage(document: JsonObject, packages: SpdxPackage[]): string | null {
  const container = packages.find((entry) => str(field(entry.record, 'primaryPackagePurpose'))?.toUpperCase() === 'CONTAINER');
  if (container !== undefined) {
    return container.name;
  }
  const hasOsPackages = packages.some((entry) => entry.pkg !== null && OS_PURL_TYPES.has(entry.pkg.ecosystem));
  return hasOsPackages ? str(field(document, 'name')) : null;
}

/** Reads the tool from the first "Tool: <name>-<version>" creator, split at the last "-" ("syft-1.50.0", "trivy-dev"). */
function creatorTool(document: JsonObject): { name: string; version: string | null } {
  for (const creator of strings(field(field(document, 'creationInfo'), 'creators'))) {
    const match = TOOL_CREATOR.exec(creator);
    const value = match?.[1];
    if (value !== undefined) {
      const at = value.lastIndexOf('-');
      return at > 0 ? { name: value.slice(0, at), version: value.slice(at + 1) } : { name: value, version: null };
    }
  }
  return { name: 'spdx', version: null };
}
