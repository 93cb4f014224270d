import { isRedactionMarker } from '@sieve/domain';
import { field, str } from '../../json-access.js';

// Maximum length of a Raw value that is decoded; a longer value is kept as written.
const MAX_DECODED_CHARS = 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// Text of a secret: printable characters plus tab and line breaks.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// Minimum length of a `Redacted` value treated as a piece of the secret.
const MIN_REDACTED_PIECE = 8;

export interface TrufflehogSecret {
  /** The secret as the detector found it (Raw, decoded when the report has it in base64), or null. */
  value: string | null;
  /** Every form of the secret seen in the record, for redaction of the stored report. */
  redactionValues: string[];
}

/**
 * Reads the secret of one record. TruffleHog 3 releases until late 2022 wrote
 * Raw as base64, which is Go's JSON encoding of a byte slice. Later releases
 * write the text itself, and those from 3.32.1 on add RawV2, so a record with
 * RawV2 is read as text. Without RawV2, Raw is decoded only when it is
 * canonical base64 of printable text that starts like `Redacted` (the part
 * before any mask). A plain AWS key id is valid base64 but decodes to binary,
 * so it stays as written. `Redacted` is redacted too when it is a piece of the
 * secret, because TruffleHog writes the first characters of a private key there.
 */
export function readSecret(record: unknown): TrufflehogSecret {
  const raw = str(field(record, 'Raw'));
  const rawV2 = str(field(record, 'RawV2'));
  const redacted = str(field(record, 'Redacted'));
  const mayBeBase64 = field(record, 'RawV2') === undefined;
  const redactionValues: string[] = [];

  const texts = [raw, rawV2].map((value) => {
    if (value === null || isRedactionMarker(value)) {
      return null;
    }
    redactionValues.push(value);
    const text = mayBeBase64 ? decodeBase64Text(value, redacted) : null;
    if (text !== null) {
      redactionValues.push(text);
    }
    return text ?? value;
  });

  if (redacted !== null && redacted.length >= MIN_REDACTED_PIECE && texts.some((text) => text !== null && text.includes(redacted))) {
    redactionValues.push(redacted);
  }

  // NOTE: a stored report whose base64 Raw was replaced by a redaction marker
  // yields the hash of the base64 text, not of the decoded secret, because the
  // marker is made from the text it replaces.
  const value = texts[0] ?? markerOrNull(raw) ?? texts[1] ?? markerOrNull(rawV2);
  return { value, redactionValues: [...new Set(redactionValues)] };
}

function markerOrNull(value: string | null): string | null {
  return value !== null && isRedactionMarker(value) ? value : null;
}

/**
 * Decodes a base64 value to text. Returns null when the value is not canonical
 * base64 of printable UTF-8 text or the text does not start like `redacted`.
 */
function decodeBase64Text(value: string, redacted: string | null): string | null {
  if (value === redacted || value.length % 4 !== 0 || value.length > MAX_DECODED_CHARS || !BASE64.test(value)) {
    return null;
  }
  const bytes = Buffer.from(value, 'base64');
  if (bytes.toString('base64') !== value) {
    return null;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  // Trimmed like every other value read from a report, so a private key that
  // ends with a line break hashes as it does when another tool reports it.
  const trimmed = text.trim();
  const unmaskedStart = redacted === null ? '' : (redacted.split('*')[0] ?? '');
  return trimmed.length > 0 && !CONTROL_CHARACTER.test(trimmed) && trimmed.startsWith(unmaskedStart) ? trimmed : null;
}
