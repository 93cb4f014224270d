import type { NormalizedFinding, ParsedFinding } from '@sieve/contracts';
import { normalizeRepoPath, ReportRejectedError } from '@sieve/domain';
import { parseReport } from '@sieve/parsers';
import type { Estate, Flaw } from './estate-model.js';

/** One parsed finding of the estate with the flaw it truly reports. */
export interface LabelledSighting {
  event: NormalizedFinding;
  flaw: string;
  report: string;
}

export interface ParsedEstate {
  sightings: LabelledSighting[];
  /** Formats whose reports no parser recognised, with the number of reports. */
  missingFormats: Map<string, number>;
  /** Reports whose parsed findings did not line up with their labels. */
  mismatches: string[];
}

/**
 * Parses every rendered report with parseReport, as `sieve run --asset` would
 * (the asset is the one the estate assigned), and labels each finding with
 * its flaw by record order, checking that the finding is about that flaw.
 */
export function parseEstate(estate: Estate): ParsedEstate {
  const flaws = new Map(estate.flaws.map((flaw) => [flaw.id, flaw]));
  const sightings: LabelledSighting[] = [];
  const missingFormats = new Map<string, number>();
  const mismatches: string[] = [];

  for (const report of estate.reports) {
    let findings: ParsedFinding[];
    try {
      findings = parseReport(report.bytes).findings;
    } catch (error) {
      if (error instanceof ReportRejectedError && error.code === 'unknown_format') {
        missingFormats.set(report.format, (missingFormats.get(report.format) ?? 0) + 1);
        continue;
      }
      throw error;
    }
    if (findings.length !== report.labels.length) {
      mismatches.push(`${report.name}: ${findings.length} findings for ${report.labels.length} records`);
      continue;
    }
    findings.forEach((finding, index) => {
      const flaw = flaws.get(report.labels[index]!)!;
      if (!isAbout(finding, flaw)) {
        mismatches.push(`${report.name}#${index}: finding does not match flaw ${flaw.id}`);
      }
      const event: NormalizedFinding = { eventId: `${report.name}#${index}`, reportId: report.name, asset: report.asset, scope: '', sequence: index, observedAt: 0, finding };
      sightings.push({ event, flaw: flaw.id, report: report.name });
    });
  }
  return { sightings, missingFormats, mismatches };
}

function isAbout(finding: ParsedFinding, flaw: Flaw): boolean {
  const path = finding.location.path === null ? null : normalizeRepoPath(finding.location.path);
  switch (flaw.kind) {
    case 'package':
      return finding.package?.name === flaw.name;
    case 'code':
    case 'secret':
      return path === flaw.path;
    case 'iac':
      return path !== null && path.endsWith(flaw.path);
    case 'dast':
      return finding.location.url?.includes(`${flaw.asset}.example.test`) === true;
  }
}
