import type { ParsedFinding } from '@sieve/contracts';
import { ReportRejectedError } from '@sieve/domain';
import { arr, field, isObject, str } from '../../json-access.js';
import { pointer } from '../../json-pointer.js';
import type { ParseResult, ParseWarning, ReportFormat } from '../../report-format.js';
import type { ReportInput } from '../../report-input.js';
import { alertFinding, DEPENDABOT_TOOL } from './github-dependabot.alert.js';

export const githubDependabotFormat: ReportFormat = {
  id: 'github-dependabot',
  displayName: 'GitHub Dependabot alerts from the GraphQL API (search results and repository.vulnerabilityAlerts)',
  detect: detectDependabot,
  parse: parseDependabot,
};

/** A repository node and the pointer to it. */
interface RepositoryNode {
  record: unknown;
  pointer: string;
}

function detectDependabot(input: ReportInput): boolean {
  if (!input.isJson()) {
    return false;
  }
  const report = input.json();
  return repositoryNodes(field(report, 'data')).some((node) => isObject(field(node.record, 'vulnerabilityAlerts')));
}

/** Lists the repositories of the response: data.repository, or the nodes (or edges) of data.search. */
function repositoryNodes(data: unknown): RepositoryNode[] {
  if (isObject(field(data, 'repository'))) {
    return [{ record: field(data, 'repository'), pointer: '/data/repository' }];
  }
  return connectionItems(field(data, 'search'), '/data/search');
}

/** Items of a GraphQL connection, written as nodes[] or as edges[].node. */
function connectionItems(connection: unknown, base: string): RepositoryNode[] {
  const nodes = field(connection, 'nodes');
  if (Array.isArray(nodes)) {
    return nodes.map((record, index) => ({ record, pointer: pointer(base, 'nodes', index) }));
  }
  return arr(field(connection, 'edges')).map((edge, index) => ({ record: field(edge, 'node'), pointer: pointer(base, 'edges', index, 'node') }));
}

function parseDependabot(input: ReportInput): ParseResult {
  const report = input.json();
  rejectErrors(report);
  const repositories = repositoryNodes(field(report, 'data'));
  if (repositories.length === 0 && !isObject(field(field(report, 'data'), 'search'))) {
    throw new ReportRejectedError('invalid_report', 'GraphQL response has neither data.repository nor data.search', '/data');
  }

  const warnings: ParseWarning[] = [];
  const findings: ParsedFinding[] = [];
  for (const repository of repositories) {
    const alerts = field(repository.record, 'vulnerabilityAlerts');
    if (!isObject(alerts)) {
      warnings.push({ message: 'search result without vulnerabilityAlerts skipped', location: repository.pointer });
      continue;
    }
    for (const alert of connectionItems(alerts, pointer(repository.pointer, 'vulnerabilityAlerts'))) {
      const finding = alertFinding(alert.record, alert.pointer, warnings);
      if (finding !== null) {
        findings.push(finding);
      }
    }
  }
  return { tool: DEPENDABOT_TOOL, findings, warnings, assetName: assetName(repositories), complete: isComplete(repositories), components: [], secretValues: [] };
}

/** Rejects a GraphQL error response, which carries "errors" and no usable data, and a response that is no object. */
function rejectErrors(report: unknown): void {
  const errors = arr(field(report, 'errors'));
  const data = field(report, 'data');
  if (errors.length > 0 && (data === null || data === undefined || repositoryNodes(data).length === 0)) {
    const message = str(field(errors[0], 'message')) ?? 'no message given';
    throw new ReportRejectedError('tool_error', `GitHub GraphQL API returned an error: ${message.slice(0, 500)}`, '/errors/0');
  }
  if (!isObject(report)) {
    throw new ReportRejectedError('invalid_report', 'GitHub GraphQL response is not a JSON object', '');
  }
}

/**
 * Returns the repository's nameWithOwner, else its name, when the response
 * covers exactly one repository. A search over several repositories names no
 * single asset.
 */
function assetName(repositories: RepositoryNode[]): string | null {
  const [only] = repositories;
  if (only === undefined || repositories.length > 1) {
    return null;
  }
  return str(field(only.record, 'nameWithOwner')) ?? str(field(only.record, 'name'));
}

/** Returns false for one page of a longer alert list (pageInfo.hasNextPage), which is not the whole result. */
function isComplete(repositories: RepositoryNode[]): boolean {
  return !repositories.some((repository) => field(field(field(repository.record, 'vulnerabilityAlerts'), 'pageInfo'), 'hasNextPage') === true);
}
