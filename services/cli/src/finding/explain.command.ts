import { explainFinding, type FindingExplanation } from '@sieve/stages';
import { Repositories } from '@sieve/persistence';
import { openPipeline, parseFindingArguments, parseFormat } from './finding.command.js';

/** Prints why a finding's evidences are one finding (`sieve finding explain`). Exit 1 when the finding is not found. */
export async function explainCommand(argv: string[]): Promise<number> {
  const { findingId, db, values } = parseFindingArguments('explain', argv, ['format']);
  const format = parseFormat(values.format);
  const pipeline = await openPipeline(db);
  let explanation: FindingExplanation | null;
  try {
    explanation = await explainFinding(new Repositories(pipeline.dataSource), findingId);
  } finally {
    await pipeline.close();
  }
  if (explanation === null) {
    process.stderr.write(`sieve: finding ${findingId} not found in ${db}\n`);
    return 1;
  }
  process.stdout.write(format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : renderExplanation(explanation));
  return 0;
}

function renderExplanation(explanation: FindingExplanation): string {
  const { finding } = explanation;
  const lines = [
    `finding ${finding.id}: ${finding.title}`,
    `  asset ${finding.asset}, ${finding.category}, ${finding.status}; identity key ${finding.identityKey} (rules version ${finding.identityVersion})`,
    '',
    `evidences (${explanation.evidences.length}):`,
  ];
  for (const evidence of explanation.evidences) {
    const where = [evidence.location['path'], evidence.location['startLine'], evidence.location['url'], evidence.location['resourceName']].filter((part) => part !== null && part !== undefined).join(':');
    lines.push(`  ${evidence.id}  ${evidence.tool_name}  ${evidence.rule_id ?? '-'}  ${where}${evidence.present ? '' : '  (absent from the last complete scan)'}`);
    lines.push(`    joined by ${evidence.match_rule}${evidence.match_version === null ? '' : ` (version ${evidence.match_version})`}: ${describeMatch(evidence.match_rule, evidence.matched_key, evidence.match_detail)}`);
  }
  lines.push('', `identity keys (${explanation.keys.length}):`);
  for (const key of explanation.keys) lines.push(`  ${key.rule} (version ${key.rule_version}): ${key.key}`);
  if (explanation.splits.length > 0) {
    lines.push('', 'splits:');
    for (const split of explanation.splits) {
      lines.push(`  evidence ${split.evidence_id} moved from ${split.from_finding_id} to ${split.to_finding_id} by ${split.actor} at ${split.created_at.toISOString()}: ${split.reason}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function describeMatch(rule: string, matchedKey: string, detail: Record<string, unknown> | null): string {
  if (rule === 'origin') return `first sighting, key ${matchedKey}`;
  if (detail?.['kind'] === 'correlation') return `${String(detail['reason'])}; matched evidence ${String(detail['matchedEvidenceId'])}`;
  if (detail?.['kind'] === 'split') return `split off finding ${String(detail['fromFindingId'])} by ${String(detail['actor'])}: ${String(detail['reason'])}`;
  return `shared identity key ${matchedKey}`;
}
