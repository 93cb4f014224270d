import type { Priority } from '@sieve/contracts';
import type { ScoringPolicy } from './scoring-policy.js';

/** Returns the priority whose threshold the score reaches first, P1 first, and P5 below them all. */
export function priorityOf(score: number, policy: Pick<ScoringPolicy, 'priorityThresholds'>): Priority {
  for (const [priority, threshold] of policy.priorityThresholds) {
    if (score >= threshold) return priority;
  }
  return 'P5';
}

/** Rounds points to one decimal, the precision scores are shown and stored with. */
export function roundPoints(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Caps a sum of points to the 0-100 score range. */
export function clampScore(points: number): number {
  return roundPoints(Math.max(0, Math.min(100, points)));
}
