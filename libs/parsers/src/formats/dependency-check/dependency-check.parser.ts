import type { ParsedFinding, Tool } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import type { Component, ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { parseXmlDocument, xmlRootTag, type XmlElement } from '../../xml-document.js';
import { dependencyPackage } from './dependency-check.package.js';
import { vulnerabilityFinding, type DependencyContext } from './dependency-check.vulnerability.js';

// Every schema version's namespace contains this path, for example
// https://jeremylong.github.io/DependencyCheck/dependency-check.2.5.xsd.
const NAMESPACE_MARKER = 'DependencyCheck/dependency-check.';

export const dependencyCheckFormat: ReportFormat = {
  id: 'dependency-check',
  displayName: 'OWASP Dependency-Check XML (schemas 1.x and 2.x)',
  detect: isDependencyCheckXml,
  parse: parseDependencyCheckXml,
};

function isDependencyCheckXml(input: ReportInput): boolean {
  try {
    const root = xmlRootTag(input.text());
    return root?.name === 'analysis' && root.startTag.includes(NAMESPACE_MARKER);
  } catch {
    return false;
  }
}

function parseDependencyCheckXml(input: ReportInput): ParseResult {
  const root = parseXmlDocument(input.text());
  if (root.name !== 'analysis') {
    throw new ReportRejectedError('wrong_shape', `Dependency-Check report must have the root element <analysis>, not <${root.name}>`, root.path);
  }

  const tool: Tool = { name: 'dependency-check', version: root.child('scanInfo')?.childText('engineVersion') ?? null };
  const warnings: ParseWarning[] = [];
  const findings: ParsedFinding[] = [];
  const components = new Map<string, Component>();

  for (const dependency of root.child('dependencies')?.childrenNamed('dependency') ?? []) {
    const context = dependencyContext(dependency, tool);
    if (context.pkg !== null && !components.has(context.pkg.purl)) {
      components.set(context.pkg.purl, { purl: context.pkg.purl, name: context.pkg.name, version: context.pkg.version, licenses: [], direct: null });
    }
    const vulnerabilities = dependency.child('vulnerabilities')?.children ?? [];
    for (const vulnerability of vulnerabilities.filter((element) => element.name === 'vulnerability' || element.name === 'suppressedVulnerability')) {
      const finding = vulnerabilityFinding(vulnerability, context, warnings);
      if (finding !== null) {
        findings.push(finding);
      }
    }
  }

  return {
    tool,
    findings,
    warnings,
    assetName: root.child('projectInfo')?.childText('name') ?? null,
    complete: true,
    components: [...components.values()],
    secretValues: [],
  };
}

function dependencyContext(dependency: XmlElement, tool: Tool): DependencyContext {
  const filePath = dependency.childText('filePath');
  const query = filePath?.indexOf('?') ?? -1;
  return {
    tool,
    fileName: dependency.childText('fileName'),
    path: filePath === null || query === -1 ? filePath : filePath.slice(0, query),
    pkg: dependencyPackage(dependency),
  };
}
