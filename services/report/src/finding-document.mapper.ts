import { severityRank, type FindingDocument } from '@sieve/search';
import type { FindingView } from '@sieve/stages';

/** Maps a finding's public view to its read-model document. */
export function toFindingDocument(view: FindingView, scoredAt: string | null): FindingDocument {
  const path = view.location['path'] ?? view.location['url'] ?? null;
  return {
    id: view.id,
    identityKey: view.identityKey,
    asset: view.asset,
    owner: view.owner,
    status: view.status,
    active: view.status === 'open' || view.status === 'reopened',
    category: view.category,
    severity: view.severity,
    severityRank: severityRank(view.severity),
    priority: view.priority,
    score: view.score,
    title: view.title,
    vulnerabilityIds: view.vulnerabilityIds,
    cwes: view.cwes,
    package: view.package,
    path: path === null ? null : String(path),
    tools: [...new Set(view.evidence.map((evidence) => evidence.tool))],
    reasons: view.reasons,
    firstSeen: view.firstSeen,
    lastSeen: view.lastSeen,
    scoredAt,
  };
}
