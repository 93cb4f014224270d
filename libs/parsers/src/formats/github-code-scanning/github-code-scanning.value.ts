import { str } from '../../json-access.js';

/**
 * Reads a string of an alert. Some exports write a missing value as the
 * string "None" (Python's null printed as text), so that word is null too.
 */
export function text(value: unknown): string | null {
  const result = str(value);
  return result === 'None' ? null : result;
}
