import { arr, field, str, strings } from '../../json-access.js';

/** The parts of a Go vulnerability database (OSV) entry that a finding uses. */
export interface GoAdvisory {
  id: string;
  aliases: string[];
  summary: string | null;
  details: string | null;
  references: string[];
}

/** Reads an OSV entry of the Go vulnerability database, or returns null when it has no id. */
export function readAdvisory(osv: unknown): GoAdvisory | null {
  const id = str(field(osv, 'id'));
  if (id === null) {
    return null;
  }
  const pageUrl = str(field(field(osv, 'database_specific'), 'url'));
  const references = arr(field(osv, 'references'))
    .map((reference) => str(field(reference, 'url')))
    .filter((url): url is string => url !== null);
  return {
    id,
    aliases: strings(field(osv, 'aliases')),
    summary: str(field(osv, 'summary')),
    details: str(field(osv, 'details')),
    references: pageUrl === null ? references : [pageUrl, ...references],
  };
}

/**
 * Fixed versions that an OSV entry gives for a module, from its SEMVER
 * ranges. The Go database writes them without the "v" prefix that module
 * versions have, so the prefix is added.
 */
export function fixedVersionsFor(osv: unknown, modulePath: string): string[] {
  const fixed = new Set<string>();
  for (const affected of arr(field(osv, 'affected'))) {
    if (str(field(field(affected, 'package'), 'name')) !== modulePath) {
      continue;
    }
    for (const range of arr(field(affected, 'ranges'))) {
      for (const event of arr(field(range, 'events'))) {
        const version = str(field(event, 'fixed'));
        if (version !== null) {
          fixed.add(version.startsWith('v') ? version : `v${version}`);
        }
      }
    }
  }
  return [...fixed];
}
