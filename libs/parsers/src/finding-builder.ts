import type { ParsedFinding, Tool } from '@sieve/contracts';
import { emptyLocation, mergeVulnerabilityIds, normalizeCwe } from '@sieve/domain';
import { boundedMemo } from './bounded-memo.js';
import { clip } from './json-access.js';

/** Longest title and description kept on a message; the full text stays in the stored report. */
export const MAX_TITLE = 300;
export const MAX_DESCRIPTION = 4000;

export type FindingFields = Partial<Omit<ParsedFinding, 'location' | 'tool' | 'title' | 'sourcePointer'>> & {
  tool: Tool;
  title: string;
  sourcePointer: string;
  location?: Partial<ParsedFinding['location']>;
  aliases?: string[];
};

// A report names the same few CWEs in thousands of findings.
const cweOf = boundedMemo(normalizeCwe, 10_000);

/**
 * Fills a ParsedFinding from the fields a parser has, with every other field
 * set to its "not given" value: unknown severity, no CVSS, no package. Ids and
 * CWEs are normalised here so every parser writes them the same way.
 */
export function buildFinding(fields: FindingFields): ParsedFinding {
  const cwes = normalizedCwes(fields.cwes);
  return {
    tool: fields.tool,
    category: fields.category ?? 'other',
    title: clip(fields.title, MAX_TITLE) ?? '(untitled)',
    description: clip(fields.description ?? null, MAX_DESCRIPTION),
    ruleId: fields.ruleId ?? null,
    fingerprint: fields.fingerprint ?? null,
    cwes,
    vulnerabilityIds: mergeVulnerabilityIds(fields.vulnerabilityIds ?? [], fields.aliases ?? []),
    severity: fields.severity ?? 'unknown',
    toolSeverity: fields.toolSeverity ?? null,
    cvss: fields.cvss ?? [],
    package: fields.package ?? null,
    location: { ...emptyLocation(), ...(fields.location ?? {}) },
    secret: fields.secret ?? null,
    triage: fields.triage ?? null,
    exploitHint: fields.exploitHint ?? null,
    reachabilityHint: fields.reachabilityHint ?? null,
    references: uniqueReferences(fields.references),
    sourcePointer: fields.sourcePointer,
  };
}

// Normalised CWE ids without duplicates, in the order first given.
function normalizedCwes(cwes: readonly string[] | undefined): string[] {
  const normalized: string[] = [];
  for (const cwe of cwes ?? []) {
    const id = cweOf(cwe);
    if (id !== null) {
      normalized.push(id);
    }
  }
  return normalized.length > 1 ? [...new Set(normalized)] : normalized;
}

// At most 20 references without duplicates, in the order first given.
function uniqueReferences(references: readonly string[] | undefined): string[] {
  if (references === undefined || references.length === 0) {
    return [];
  }
  return references.length === 1 ? [references[0] as string] : [...new Set(references)].slice(0, 20);
}
