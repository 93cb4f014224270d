import { IDENTITY_RULES_VERSION, identityOf } from '@sieve/dedup';
import { ReportRejectedError } from '@sieve/domain';
import { parseReport } from '@sieve/parsers';
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
    evidences += await context.unitOfWork.run(async (repositories) => {
      const bytes = await repositories.reports.findContent(report.report_id);
      const parsed = bytes === null ? null : parseStored(bytes, report.tool_hint, report.source_name, report.report_id, context);
      if (parsed === null) return 0;

      const byPointer = new Map(parsed.findings.map((finding) => [finding.sourcePointer, finding]));
      const rekeyed: RekeyedEvidence[] = [];
      for (const evidence of await repositories.identityRekey.evidencesOfReport(report.report_id)) {
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

function parseStored(bytes: Buffer, toolHint: string | null, sourceName: string | null, reportId: string, context: StageContext) {
  try {
    return parseReport(bytes, { toolHint, sourceName });
  } catch (error) {
    if (!(error instanceof ReportRejectedError)) throw error;
    context.logger.warn({ reportId, code: error.code }, `stored report no longer parses, its findings keep their old keys: ${error.message}`);
    return null;
  }
}
