import type { Severity } from '@sieve/domain';
import { field, int, str } from '../../json-access.js';

export interface SeverityReading {
  severity: Severity;
  toolSeverity: string | null;
}

// OCSF severity captions.
const WORDS = new Map<string, Severity>([
  ['critical', 'critical'],
  ['fatal', 'critical'],
  ['high', 'high'],
  ['medium', 'medium'],
  ['low', 'low'],
  ['informational', 'info'],
]);

// OCSF severity_id: 0 Unknown, 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical, 6 Fatal, 99 Other.
const IDS = new Map<number, Severity>([
  [1, 'info'],
  [2, 'low'],
  [3, 'medium'],
  [4, 'high'],
  [5, 'critical'],
  [6, 'critical'],
]);

/** Reads `severity` (the caption), else `severity_id`. */
export function readOcsfSeverity(finding: unknown): SeverityReading {
  const word = str(field(finding, 'severity'));
  const fromWord = word === null ? undefined : WORDS.get(word.toLowerCase());
  if (word !== null && fromWord !== undefined) {
    return { severity: fromWord, toolSeverity: word };
  }
  const id = int(field(finding, 'severity_id'));
  const fromId = id === null ? undefined : IDS.get(id);
  return { severity: fromId ?? 'unknown', toolSeverity: word ?? (id === null ? null : `severity_id ${id}`) };
}
