import { PRIORITY_VALUES, type Priority } from '@sieve/contracts';
import type { RiskInput, RiskScore } from './risk-input.model.js';
import { scoreRisk } from './risk-score.js';
import { DEFAULT_POLICY, type ScoringPolicy } from './scoring-policy.js';

export interface WhatIfFinding {
  id: string;
  input: RiskInput;
  current: { score: number; priority: Priority };
}

export type RankMovement = 'up' | 'down' | 'same';
export type SlaChange = 'shorter' | 'longer' | 'same';

export interface WhatIfOutcome {
  id: string;
  current: { score: number; priority: Priority; rank: number; slaDays: number | null };
  proposed: RiskScore & { rank: number; slaDays: number | null };
  movement: RankMovement;
  /** Places gained in the queue: positive when the finding moves up. */
  rankChange: number;
  /** Whether the deadline for fixing gets shorter or longer; no deadline (null SLA days) is the longest. */
  slaChange: SlaChange;
}

export interface WhatIfSummary {
  policyVersion: string;
  findings: number;
  movedUp: number;
  movedDown: number;
  unchanged: number;
  slaShorter: number;
  slaLonger: number;
  /** Findings per priority now and under the proposed policy. */
  byPriority: { current: Record<Priority, number>; proposed: Record<Priority, number> };
  /** How many findings change from one priority to another, largest group first. */
  priorityChanges: Array<{ from: Priority; to: Priority; findings: number }>;
}

/**
 * Scores findings with a proposed policy and compares the result with their
 * current score and priority, before the policy is switched on. Ranks are
 * 1-based positions in the queue, highest score first. Ties keep the current
 * order, so only a change of score moves a finding. SLA days of the current
 * priority come from `currentPolicy`, the policy the current scores were
 * computed with. Outcomes are returned in their proposed order.
 */
export function whatIf(
  findings: readonly WhatIfFinding[],
  policy: ScoringPolicy,
  currentPolicy: ScoringPolicy = DEFAULT_POLICY,
): { outcomes: WhatIfOutcome[]; summary: WhatIfSummary } {
  const currentOrder = findings.map((finding, index) => ({ finding, index })).sort((a, b) => b.finding.current.score - a.finding.current.score || a.index - b.index);
  const currentRank = new Map(currentOrder.map(({ finding }, position) => [finding, position + 1]));

  const scored = findings.map((finding) => ({ finding, score: scoreRisk(finding.input, policy), rank: currentRank.get(finding)! }));
  scored.sort((a, b) => b.score.score - a.score.score || a.rank - b.rank);

  const outcomes = scored.map(({ finding, score, rank }, position): WhatIfOutcome => {
    const proposedRank = position + 1;
    const currentSla = currentPolicy.slaDays[finding.current.priority];
    const proposedSla = policy.slaDays[score.priority];
    return {
      id: finding.id,
      current: { ...finding.current, rank, slaDays: currentSla },
      proposed: { ...score, rank: proposedRank, slaDays: proposedSla },
      movement: movementOf(rank, proposedRank),
      rankChange: rank - proposedRank,
      slaChange: compareSla(currentSla, proposedSla),
    };
  });

  return { outcomes, summary: summarize(outcomes, policy.version) };
}

function movementOf(currentRank: number, proposedRank: number): RankMovement {
  if (proposedRank === currentRank) return 'same';
  return proposedRank < currentRank ? 'up' : 'down';
}

function compareSla(current: number | null, proposed: number | null): SlaChange {
  const currentDays = current ?? Number.POSITIVE_INFINITY;
  const proposedDays = proposed ?? Number.POSITIVE_INFINITY;
  if (proposedDays === currentDays) return 'same';
  return proposedDays < currentDays ? 'shorter' : 'longer';
}

function summarize(outcomes: readonly WhatIfOutcome[], policyVersion: string): WhatIfSummary {
  const count = (predicate: (outcome: WhatIfOutcome) => boolean): number => outcomes.filter(predicate).length;
  const perPriority = (priorityOf: (outcome: WhatIfOutcome) => Priority): Record<Priority, number> =>
    Object.fromEntries(PRIORITY_VALUES.map((priority) => [priority, count((outcome) => priorityOf(outcome) === priority)])) as Record<Priority, number>;

  const changes = new Map<string, { from: Priority; to: Priority; findings: number }>();
  for (const outcome of outcomes) {
    const from = outcome.current.priority;
    const to = outcome.proposed.priority;
    if (from === to) continue;
    const key = `${from}>${to}`;
    const entry = changes.get(key) ?? { from, to, findings: 0 };
    entry.findings += 1;
    changes.set(key, entry);
  }

  return {
    policyVersion,
    findings: outcomes.length,
    movedUp: count((outcome) => outcome.movement === 'up'),
    movedDown: count((outcome) => outcome.movement === 'down'),
    unchanged: count((outcome) => outcome.movement === 'same'),
    slaShorter: count((outcome) => outcome.slaChange === 'shorter'),
    slaLonger: count((outcome) => outcome.slaChange === 'longer'),
    byPriority: { current: perPriority((outcome) => outcome.current.priority), proposed: perPriority((outcome) => outcome.proposed.priority) },
    priorityChanges: [...changes.values()].sort((a, b) => b.findings - a.findings || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
  };
}
