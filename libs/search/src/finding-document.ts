/** A finding as stored in the OpenSearch read model. */
export interface FindingDocument {
  id: string;
  identityKey: string;
  asset: string;
  owner: string | null;
  status: string;
  active: boolean;
  category: string;
  severity: string;
  severityRank: number;
  priority: string | null;
  score: number | null;
  title: string;
  vulnerabilityIds: string[];
  cwes: string[];
  package: string | null;
  path: string | null;
  tools: string[];
  reasons: string[];
  firstSeen: string;
  lastSeen: string;
  scoredAt: string | null;
}

const SEVERITY_RANK: Record<string, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1, unknown: 0 };

export function severityRank(severity: string): number {
  return SEVERITY_RANK[severity] ?? 0;
}
