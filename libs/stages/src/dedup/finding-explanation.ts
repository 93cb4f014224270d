import type { EvidenceProvenance, FindingEventRow, FindingKeyRow, FindingSplitRow, Repositories } from '@sieve/persistence';

/** Why a finding's evidences are one finding: its keys, each evidence's merge record, its splits and merge events. */
export interface FindingExplanation {
  finding: { id: string; title: string; asset: string; category: string; status: string; identityKey: string; identityVersion: number };
  keys: Array<Pick<FindingKeyRow, 'key' | 'rule' | 'rule_version'>>;
  evidences: EvidenceProvenance[];
  splits: FindingSplitRow[];
  events: FindingEventRow[];
}

/** Reads the explanation of one finding, or null when there is no such finding. */
export async function explainFinding(repositories: Repositories, findingId: string): Promise<FindingExplanation | null> {
  const [finding] = await repositories.findings.findByIds([findingId]);
  if (finding === undefined) return null;
  const keys = await repositories.findingKeys.findByFindingId(findingId);
  const events = await repositories.findingEvents.findByFindingId(findingId);
  return {
    finding: {
      id: finding.id,
      title: finding.title,
      asset: finding.asset,
      category: finding.category,
      status: finding.status,
      identityKey: finding.identity_key,
      identityVersion: finding.identity_version,
    },
    keys: keys.map(({ key, rule, rule_version }) => ({ key, rule, rule_version })),
    evidences: await repositories.evidences.findProvenance(findingId),
    splits: await repositories.findingSplits.findByFindingId(findingId),
    events: events.filter((event) => event.type === 'merged' || event.type === 'split'),
  };
}
