import type { NormalizedFinding } from '@sieve/contracts';
import { mergeVulnerabilityIds } from '@sieve/domain';
import type { Repositories } from '@sieve/persistence';

/**
 * Adds the stored aliases (from OSV records) of each finding's vulnerability
 * ids, after the ids the report gave. A report naming only a CVE and another
 * naming only its GHSA id then share an identity key. The report's own first
 * id stays first, so sighting keys do not change when aliases are loaded.
 */
export async function withKnownAliases(repositories: Repositories, events: NormalizedFinding[]): Promise<NormalizedFinding[]> {
  const ids = events.flatMap((event) => event.finding.vulnerabilityIds);
  const aliases = await repositories.intel.findAliases(ids);
  if (aliases.size === 0) {
    return events;
  }

  return events.map((event) => {
    const reported = event.finding.vulnerabilityIds;
    const known = reported.flatMap((id) => aliases.get(id) ?? []);
    const merged = mergeVulnerabilityIds(reported, known);
    return merged.length === reported.length ? event : { ...event, finding: { ...event.finding, vulnerabilityIds: merged } };
  });
}
