import type { ParsedFinding, Tool } from '@sieve/contracts';
import { normalizeRepoPath } from '@sieve/domain';
import { buildFinding } from '../../finding-builder.js';
import { field, int, str, type JsonObject } from '../../json-access.js';
import { kicsSeverity } from './kics.severity.js';

/**
 * Maps one entry of a query's `files`: KICS reports a query once with every
 * place it matched, and each place is one finding. `queryId` is the query's
 * id, `at` the JSON pointer of the file entry.
 */
export function readKicsFile(query: JsonObject, queryId: string, entry: JsonObject, fileName: string, tool: Tool, at: string): ParsedFinding {
  const name = str(field(query, 'query_name'));
  const severityWord = str(field(query, 'severity'));
  const url = str(field(query, 'query_url'));
  const cwe = str(field(query, 'cwe'));

  return buildFinding({
    tool,
    category: 'iac',
    title: name ?? queryId,
    description: describe(query, entry),
    ruleId: queryId,
    fingerprint: str(field(entry, 'similarity_id')),
    cwes: cwe === null ? [] : [cwe],
    severity: kicsSeverity(severityWord),
    toolSeverity: severityWord,
    location: {
      path: normalizeRepoPath(fileName),
      startLine: int(field(entry, 'line')),
      endLine: int(field(entry, 'line')),
      resourceType: str(field(entry, 'resource_type')),
      // Older reports name no resource. The search key (for example
      // "resource.aws_s3_bucket[logs].acl") distinguishes the matches in one file.
      resourceName: str(field(entry, 'resource_name')) ?? str(field(entry, 'search_key')),
    },
    references: url === null ? [] : [url],
    sourcePointer: at,
  });
}

function describe(query: JsonObject, entry: JsonObject): string {
  const expected = str(field(entry, 'expected_value'));
  const actual = str(field(entry, 'actual_value'));
  const category = str(field(query, 'category'));
  const platform = str(field(query, 'platform'));
  return [
    str(field(query, 'description')),
    expected === null ? null : `Expected: ${expected}`,
    actual === null ? null : `Actual: ${actual}`,
    category === null ? null : `Category: ${category}${platform === null ? '' : ` (${platform})`}.`,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}
