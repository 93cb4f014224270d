import { IDENTITY_RULES_VERSION, identityOf } from '@sieve/dedup';
import { ReportRejectedError } from '@sieve/domain';
import type { ParsedFinding } from '@sieve/contracts';
import { readReport } from '@sieve/parsers';
import { storedReport } from '../ingest/report-content.js';
import type { RekeyedEvidence } from '@sieve/persistence';
import type { StageContext } from '../stage-context.js';

export interface RekeyOutcome {
  staleKeys: number;
  reports: number;
  evidences: number;
  droppedKeys: number;
}

/**
 * Re-keys stored findings after the identity rules changed version. Each
 * evidence is found again, by its pointer, in the stored report that last
 * saw it. Its keys are computed with the current rules and attached to the
 * same finding, and stale keys are dropped once a finding has a current one.
 * No finding is closed or created, so a rule change never resets history.
 * Does nothing when every key is current. One report per transaction, so an
 * interrupted run resumes where it stopped.
 */
export async function rekeyStaleIdentities(context: StageContext): Promise<RekeyOutcome> {
  const version = IDENTITY_RULES_VERSION;
  const { staleKeys, reports } = await context.unitOfWork.run(async (repositories) => {
    const stale = await repositories.identityRekey.countStaleKeys(version);
    return { staleKeys: stale, reports: stale === 0 ? [] : await repositories.identityRekey.reportsToReparse(version) };
  });
  if (staleKeys === 0) {
    return { staleKeys, reports: 0, evidences: 0, droppedKeys: 0 };
  }
  context.logger.info({ staleKeys, reports: reports.length, version }, 'identity rules changed: re-keying stored findings');

  let evidences = 0;
  for (const report of reports) {
    const stored = await context.unitOfWork.run(async (repositories) => ({
      size: await repositories.reports.findSize(report.report_id),
      evidences: await repositories.identityRekey.evidencesOfReport(report.report_id),
    }));
    const pointers = new Set(stored.evidences.map((evidence) => evidence.source_pointer));
    const byPointer = stored.size === null ? null : await readStoredFindings(context, report, stored.size, pointers);
    if (byPointer === null) continue;

    evidences += await context.unitOfWork.run(async (repositories) => {
      const rekeyed: RekeyedEvidence[] = [];
      for (const evidence of stored.evidences) {
        const finding = byPointer.get(evidence.source_pointer);
        if (finding === undefined) continue;
        const identity = identityOf({ eventId: '', reportId: report.report_id, asset: evidence.asset, scope: evidence.scope, sequence: 0, observedAt: 0, finding });
        rekeyed.push({ id: evidence.id, finding_id: evidence.finding_id, sighting_key: identity.sightingKey, keys: identity.keys });
      }
      await repositories.identityRekey.attach(rekeyed, version);
      return rekeyed.length;
    });
  }

  const droppedKeys = await context.unitOfWork.run((repositories) => repositories.identityRekey.dropStaleKeys(version));
  context.logger.info({ reports: reports.length, evidences, droppedKeys, version }, 'stored findings re-keyed');
  return { staleKeys, reports: reports.length, evidences, droppedKeys };
}

/**
 * Reads a stored report again, streamed when it is large, and keeps the
 * findings at the given pointers. Returns null, with a warning, for a report
 * that no longer parses, whose findings then keep their old keys.
 */
async function readStoredFindings(
  context: StageContext,
  report: { report_id: string; tool_hint: string | null; source_name: string | null },
  size: number,
  pointers: ReadonlySet<string | null>,
): Promise<Map<string | null, ParsedFinding> | null> {
  const found = new Map<string | null, ParsedFinding>();
  try {
    const opened = await readReport(storedReport(context, report.report_id, size), {
      toolHint: report.tool_hint,
      sourceName: report.source_name,
      streamAbove: context.streamReportsAbove,
    });
    for await (const finding of opened.findings) {
      if (pointers.has(finding.sourcePointer)) found.set(finding.sourcePointer, finding);
    }
  } catch (error) {
    if (!(error instanceof ReportRejectedError)) throw error;
    context.logger.warn({ reportId: report.report_id, code: error.code }, `stored report no longer parses, its findings keep their old keys: ${error.message}`);
    return null;
  }
  return found;
}
