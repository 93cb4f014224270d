import { isRedactionMarker, redactSecrets } from './secrets.js';

/**
 * Redacts secret values in a text that arrives in pieces, such as a report
 * read from disk a few megabytes at a time. A secret may straddle two
 * pieces, so the end of each piece that could be the start of a secret is
 * held back until the next piece shows how it continues. What comes out,
 * joined, equals redactSecrets over the whole text when no secret occurs
 * inside a redaction marker.
 */
export class SecretRedactor {
  private readonly patterns: string[];
  private readonly holdBack: number;
  private pending = '';

  constructor(private readonly secrets: readonly string[]) {
    const values = [...new Set(secrets)].filter((s) => s.length > 0 && !isRedactionMarker(s));
    this.patterns = [...new Set(values.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))];
    this.holdBack = Math.max(0, ...this.patterns.map((p) => p.length - 1));
  }

  /**
   * Takes the next piece and returns the redacted text that is safe to write.
   * NOTE: each piece costs one scan per secret value, as redactSecrets does, so
   * a report with thousands of distinct secrets is slow to store.
   */
  push(piece: string): string {
    const text = this.pending + piece;
    const cut = this.safeCut(text);
    this.pending = text.slice(cut);
    return redactSecrets(text.slice(0, cut), this.secrets);
  }

  /** Returns the redacted rest after the last piece. */
  end(): string {
    const rest = this.pending;
    this.pending = '';
    return redactSecrets(rest, this.secrets);
  }

  // The cut starts where fewer characters than the longest pattern remain,
  // since a secret that begins there may continue in the next piece. It then
  // moves back to the start of any occurrence that crosses it, so every
  // occurrence is whole on one side, and off the middle of a surrogate pair.
  private safeCut(text: string): number {
    let cut = Math.max(0, text.length - this.holdBack);
    let moved = true;
    while (moved && cut > 0) {
      moved = false;
      const code = text.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) {
        cut--;
        moved = true;
      }
      for (const pattern of this.patterns) {
        const start = crossingStart(text, pattern, cut);
        if (start >= 0) {
          cut = start;
          moved = true;
        }
      }
    }
    return cut;
  }
}

// Start of the first occurrence of pattern that begins before cut and ends after it, or -1.
function crossingStart(text: string, pattern: string, cut: number): number {
  const at = text.indexOf(pattern, Math.max(0, cut - pattern.length + 1));
  return at >= 0 && at < cut ? at : -1;
}
