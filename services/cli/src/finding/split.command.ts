import { userInfo } from 'node:os';
import { UsageError } from '@sieve/domain';
import { splitEvidence, SplitRejectedError } from '@sieve/stages';
import { openPipeline, parseFindingArguments } from './finding.command.js';

/**
 * Moves one evidence into a new finding and prints the new finding's id
 * (`sieve finding split`). Exit 1 when the finding or evidence is not found,
 * or when it is the finding's only evidence.
 */
export async function splitCommand(argv: string[]): Promise<number> {
  const { findingId, db, values } = parseFindingArguments('split', argv, ['evidence', 'reason', 'actor']);
  if (typeof values.evidence !== 'string') throw new UsageError('sieve finding split needs --evidence <evidence-id>; "sieve finding explain" lists them');
  const actor = typeof values.actor === 'string' ? values.actor : userInfo().username;
  const reason = typeof values.reason === 'string' ? values.reason : 'split by hand';

  const pipeline = await openPipeline(db);
  try {
    const outcome = await splitEvidence(pipeline.context, { findingId, evidenceId: values.evidence, actor, reason });
    await pipeline.publishAndDrain(outcome.messages, 'cli');
    process.stdout.write(`${outcome.newFindingId}\n`);
    return 0;
  } catch (error) {
    if (error instanceof SplitRejectedError) {
      process.stderr.write(`sieve: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await pipeline.close();
  }
}
