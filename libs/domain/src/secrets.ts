import { createHash } from 'node:crypto';
import type { SecretRef } from '@sieve/contracts';

export type { SecretRef };

const MASK = '****';

// A redacted secret in a stored report. It carries the secret's hash and
// preview, so parsing the redacted copy gives the same SecretRef as parsing
// the original: the embedded and the distributed pipeline agree.
const MARKER = /^\[REDACTED sha256:([0-9a-f]{64}) preview:([^\]\s]{0,16})\]$/;

/**
 * Returns the stored form of a secret: its SHA-256 and a preview with only the
 * first and last two characters of values of 12 characters or more. Shorter
 * values show only the mask, because two plus two characters of a short value
 * give away too much of it. A redaction marker yields the ref it was made from.
 */
export function secretRef(value: string): SecretRef {
  const marker = MARKER.exec(value);
  if (marker) {
    return { sha256: marker[1]!, preview: marker[2]! };
  }
  const sha256 = createHash('sha256').update(value, 'utf8').digest('hex');
  const chars = [...value];
  // White space and ']' in the preview become '*', so the preview fits inside
  // a redaction marker unchanged and reads back identically.
  const visible = (part: string[]) => part.join('').replace(/[\]\s]/g, '*');
  const preview = chars.length >= 12 ? `${visible(chars.slice(0, 2))}${MASK}${visible(chars.slice(-2))}` : MASK;
  return { sha256, preview };
}

/** Builds the text that replaces a secret in a stored report. */
export function redactionMarker(value: string): string {
  const ref = secretRef(value);
  return `[REDACTED sha256:${ref.sha256} preview:${ref.preview}]`;
}

/** True when a value is already a redaction marker. */
export function isRedactionMarker(value: string): boolean {
  return MARKER.test(value);
}

/**
 * Replaces every occurrence of each secret in a text with its redaction
 * marker. Longer secrets go first so that a secret containing another is
 * masked whole. Secrets are also replaced in their JSON-escaped form, because
 * the text is usually a JSON report.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  const ordered = [...new Set(secrets)].filter((s) => s.length > 0 && !isRedactionMarker(s)).sort((a, b) => b.length - a.length);
  let result = text;
  for (const secret of ordered) {
    const marker = redactionMarker(secret);
    result = result.split(secret).join(marker);
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) {
      result = result.split(escaped).join(marker);
    }
  }
  return result;
}
