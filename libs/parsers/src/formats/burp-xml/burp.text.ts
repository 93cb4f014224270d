import { htmlToText } from '../../html-text.js';

const MAX_SCANNED_CHARS = 20_000;

/** CWE ids named in Burp's vulnerability classifications, an HTML list of links such as "CWE-524: Information Exposure …". */
export function burpCwes(classifications: string | null): string[] {
  const text = htmlToText(classifications === null ? null : classifications.slice(0, MAX_SCANNED_CHARS));
  return text === null ? [] : [...new Set(text.match(/\bCWE-\d{1,5}\b/g) ?? [])];
}

/** Link targets in one of Burp's HTML fields ("references"), in order, without duplicates. */
export function burpLinks(html: string | null): string[] {
  if (html === null) {
    return [];
  }
  const hrefs = html.slice(0, MAX_SCANNED_CHARS).match(/href="https?:\/\/[^"\s<>]{1,2000}"/g) ?? [];
  return [...new Set(hrefs.map((href) => href.slice('href="'.length, -1)))];
}

/** Joins Burp's detail, background and remediation texts (HTML) into one plain-text description. */
export function burpDescription(fields: { detail: string | null; background: string | null; remediationDetail: string | null; remediationBackground: string | null; confidence: string | null }): string | null {
  const remediation = [htmlToText(fields.remediationDetail), htmlToText(fields.remediationBackground)].filter((part): part is string => part !== null);
  const parts = [htmlToText(fields.detail), htmlToText(fields.background), remediation.length > 0 ? `Remediation: ${remediation.join('\n\n')}` : null, fields.confidence === null ? null : `Confidence: ${fields.confidence}`];
  const present = parts.filter((part): part is string => part !== null);
  return present.length > 0 ? present.join('\n\n') : null;
}
