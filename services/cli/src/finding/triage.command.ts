import { userInfo } from 'node:os';
import { SEVERITY_VALUES } from '@sieve/contracts';
import { UsageError } from '@sieve/domain';
import type { HumanFieldValues } from '@sieve/persistence';
import { editFinding, triageFinding, TriageRejectedError, TRIAGE_STATUSES, type TriageStatus } from '@sieve/stages';
import type { OutgoingMessage } from '@sieve/messaging';
import { openPipeline, parseFindingArguments } from './finding.command.js';

/**
 * Records a person's decision on a finding (`sieve finding triage`). A risk
 * acceptance needs `--approver` and `--expires YYYY-MM-DD`, and lasts until
 * the end of that day (UTC). Exit 1 when the finding is not found or the
 * decision is rejected.
 */
export async function triageCommand(argv: string[]): Promise<number> {
  const { findingId, db, values } = parseFindingArguments('triage', argv, ['status', 'expires', 'approver', 'reason', 'actor']);
  const status = values['status'];
  if (status === undefined) {
    throw new UsageError(`sieve finding triage needs --status ${TRIAGE_STATUSES.join('|')}`);
  }
  if (!(TRIAGE_STATUSES as readonly string[]).includes(status)) {
    throw new UsageError(`--status ${status} is not a triage status; use ${TRIAGE_STATUSES.join(', ')} (fixed and reopened come from scans)`);
  }
  const request = {
    findingId,
    status: status as TriageStatus,
    reason: requireReason('triage', values['reason']),
    actor: values['actor'] ?? userInfo().username,
    approver: values['approver'] ?? null,
    expiresAt: values['expires'] === undefined ? null : endOfDay(values['expires']),
  };
  return applyToFinding(db, (pipeline) => triageFinding(pipeline.context, request), `finding ${findingId} is now ${status}`);
}

/**
 * Sets tool-supplied fields of a finding by hand (`sieve finding edit`).
 * Later sightings keep these values while other fields still refresh.
 */
export async function editCommand(argv: string[]): Promise<number> {
  const { findingId, db, values } = parseFindingArguments('edit', argv, ['title', 'description', 'severity', 'fixed-versions', 'reason', 'actor']);
  const fields: HumanFieldValues = {};
  if (values['title'] !== undefined) fields.title = values['title'];
  if (values['description'] !== undefined) fields.description = values['description'];
  if (values['severity'] !== undefined) {
    if (!(SEVERITY_VALUES as readonly string[]).includes(values['severity'])) {
      throw new UsageError(`--severity ${values['severity']} is not one of ${SEVERITY_VALUES.join(', ')}`);
    }
    fields.severity = values['severity'];
  }
  if (values['fixed-versions'] !== undefined) fields.fixed_versions = values['fixed-versions'].split(',').map((version) => version.trim()).filter((version) => version !== '');
  if (Object.keys(fields).length === 0) throw new UsageError('sieve finding edit needs at least one of --title, --description, --severity, --fixed-versions');
  const request = { findingId, values: fields, reason: requireReason('edit', values['reason']), actor: values['actor'] ?? userInfo().username };
  return applyToFinding(db, (pipeline) => editFinding(pipeline.context, request), `finding ${findingId} updated: ${Object.keys(fields).join(', ')}`);
}

async function applyToFinding(db: string, change: (pipeline: Awaited<ReturnType<typeof openPipeline>>) => Promise<OutgoingMessage[]>, done: string): Promise<number> {
  const pipeline = await openPipeline(db);
  try {
    await pipeline.publishAndDrain(await change(pipeline), 'cli');
    process.stdout.write(`${done}\n`);
    return 0;
  } catch (error) {
    if (error instanceof TriageRejectedError) {
      process.stderr.write(`sieve: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await pipeline.close();
  }
}

function requireReason(command: string, reason: string | undefined): string {
  if (reason === undefined || reason.trim() === '') throw new UsageError(`sieve finding ${command} needs --reason TEXT`);
  return reason;
}

/** Parses YYYY-MM-DD as the end of that day in UTC, the moment the acceptance ends. */
function endOfDay(date: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) {
    throw new UsageError(`--expires ${date} is not a date written YYYY-MM-DD`);
  }
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) {
    throw new UsageError(`--expires ${date} is not a day of the calendar`);
  }
  return new Date(day.getTime() + 24 * 60 * 60 * 1000);
}
