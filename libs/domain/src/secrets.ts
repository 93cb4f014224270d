import { createHash } from 'node:crypto';
import type { SecretRef } from '@sieve/contracts';

export type { SecretRef };

const MASK = '****';

/**
 * Returns the stored form of a secret: its SHA-256 and a preview with only the
 * first and last two characters of values of 12 characters or more. Shorter
 * values show only the mask, because two plus two characters of a short value
 * give away too much of it.
 */
export function secretRef(value: string): SecretRef {
  const sha256 = createHash('sha256').update(value, 'utf8').digest('hex');
  const chars = [...value];
  const preview = chars.length >= 12 ? `${chars.slice(0, 2).join('')}${MASK}${chars.slice(-2).join('')}` : MASK;
  return { sha256, preview };
}

/**
 * Replaces every occurrence of each secret in a text with the mask. Longer
 * secrets go first so that a secret containing another is masked whole.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  const ordered = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  let result = text;
  for (const secret of ordered) {
    result = result.split(secret).join(`[REDACTED:${secretRef(secret).sha256.slice(0, 12)}]`);
  }
  return result;
}
