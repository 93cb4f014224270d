import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NormalizedFinding } from '@sieve/contracts';
import { correlateFindings, correlationBlockOf, groupWithCorrelation, identityOf } from '@sieve/dedup';
import { versionForIdentity } from '@sieve/domain';
import { parseReport } from '@sieve/parsers';

/** A cross-tool overlap of the shared sample corpus: files read as one asset, as `sieve run --asset` would. */
export interface Overlap {
  name: string;
  asset: string;
  files: string[];
}

export const OVERLAPS: readonly Overlap[] = [
  { name: 'A: Trivy legacy + Grype 0.7, Debian 10', asset: 'debian-image', files: ['trivy-json/trivy-legacy-array_debian-10.8_93-vulns.json', 'grype-json/grype-0.7.0_image_defectdojo-django-1.13.1_327-matches.json'] },
  { name: 'B: Trivy + Snyk Container, Juice Shop images', asset: 'juice-shop-image', files: ['trivy-json/trivy_image_juice-shop-v12.10.2_os-node-secrets.json', 'snyk-json/snyk-container_juice-shop_os-and-app_epss.json'] },
  { name: 'C: Semgrep SARIF + Snyk Code SARIF, Juice Shop', asset: 'juice-shop', files: ['sarif/semgrep-oss-1.69.0_juice-shop_77-results.sarif', 'sarif/snyk-code_juice-shop_39-results.sarif'] },
  { name: 'D: Bandit + GitLab SAST + CodeQL, DefectDojo', asset: 'defectdojo', files: ['bandit-json/bandit_defectdojo-2020-12-30_214-issues.json', 'gitlab-sast/gl-sast_v2.3_multi-analyzer_467-vulns.json', 'sarif/codeql-lgtm-1.26_defectdojo-2020-12-11_2-runs.sarif'] },
];

export interface OverlapResult {
  name: string;
  findings: number;
  groups: number;
  /** Groups holding sightings of more than one tool, by the tools they join. */
  crossTool: Map<string, number>;
  /** Correlation merges by rule. */
  byRule: Map<string, number>;
  /** Cross-tool groups whose packages have different versions (the Debian epoch ignored): these must not exist. */
  mixedVersions: number;
  /** Pairs a correlation rule found related but kept apart (code-related). */
  relatedPairs: number;
  /** Lines worth reading: each cross-tool group at a location the MANIFEST names. */
  notes: string[];
  error: string | null;
}

/** Groups the findings of one overlap with the dedup keys and correlation, and reports what merged. */
export function runOverlap(samplesDir: string, overlap: Overlap, watch: readonly string[] = []): OverlapResult {
  const events: NormalizedFinding[] = [];
  try {
    overlap.files.forEach((file) => {
      const parsed = parseReport(readFileSync(join(samplesDir, file)));
      parsed.findings.forEach((finding, index) => events.push({ eventId: `${file}#${index}`, reportId: file, asset: overlap.asset, scope: '', sequence: index, observedAt: 0, finding }));
    });
  } catch (error) {
    return { name: overlap.name, findings: 0, groups: 0, crossTool: new Map(), byRule: new Map(), mixedVersions: 0, relatedPairs: 0, notes: [], error: (error as Error).message };
  }

  const { groups, links } = groupWithCorrelation(events, { keysOf: (event) => identityOf(event).keys.map((key) => key.key), eventOf: (event) => event });
  const crossTool = new Map<string, number>();
  const notes: string[] = [];
  let mixedVersions = 0;
  for (const group of groups) {
    const tools = [...new Set(group.map((event) => event.finding.tool.name))].sort();
    if (tools.length < 2) continue;
    const versions = new Set(group.map((event) => event.finding.package).filter((pkg) => pkg !== null && pkg.version !== null).map((pkg) => versionForIdentity(pkg!.ecosystem, pkg!.version!)));
    if (versions.size > 1) mixedVersions += 1;
    crossTool.set(tools.join(' + '), (crossTool.get(tools.join(' + ')) ?? 0) + 1);
    const path = group[0]!.finding.location.path;
    if (path !== null && watch.some((file) => path.endsWith(file))) {
      notes.push(`${path}: ${group.map((event) => `${event.finding.tool.name} L${event.finding.location.startLine} ${shortRule(event.finding.ruleId)}`).join(' | ')}`);
    }
  }
  const byRule = new Map<string, number>();
  for (const link of links) byRule.set(link.rule, (byRule.get(link.rule) ?? 0) + 1);
  return { name: overlap.name, findings: events.length, groups: groups.length, crossTool, byRule, mixedVersions, relatedPairs: countRelated(events), notes, error: null };
}

function countRelated(events: NormalizedFinding[]): number {
  const blocks = new Map<string, NormalizedFinding[]>();
  for (const event of events) {
    const block = correlationBlockOf(event);
    if (block !== null) blocks.set(block, [...(blocks.get(block) ?? []), event]);
  }
  let related = 0;
  for (const members of blocks.values()) {
    members.forEach((a, i) => members.slice(i + 1).forEach((b) => (related += correlateFindings(a, b).rule === 'code-related' ? 1 : 0)));
  }
  return related;
}

function shortRule(ruleId: string | null): string {
  if (ruleId === null) return '-';
  return ruleId.slice(Math.max(ruleId.lastIndexOf('.'), ruleId.lastIndexOf(':')) + 1);
}
