/**
 * Maximum HTML fragment length converted. Longer input is cut first, so one
 * report field cannot make the conversion slow. Descriptions are clipped to
 * far less afterwards anyway.
 */
export const MAX_HTML_CHARS = 100_000;

// Tags that end a line of text when rendered.
const LINE_BREAK_TAGS = new Set(['p', 'br', 'div', 'ul', 'ol', 'tr', 'table', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr']);

const CHARACTER_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * Converts an HTML fragment from a scanner's description to plain text: tags
 * are removed, paragraphs, line breaks and list items become new lines, common
 * character entities are decoded and runs of blank space are folded. It scans
 * the text once and applies no regular expression to markup, so hostile
 * markup cannot make it slow. Returns null for empty input.
 */
export function htmlToText(html: string | null): string | null {
  if (html === null) {
    return null;
  }
  const source = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  let text = '';
  let index = 0;
  while (index < source.length) {
    const open = source.indexOf('<', index);
    if (open === -1) {
      text += source.slice(index);
      break;
    }
    text += source.slice(index, open);
    const close = source.indexOf('>', open);
    if (close === -1) {
      text += source.slice(open);
      break;
    }
    text += separatorFor(source.slice(open + 1, Math.min(close, open + 20)));
    index = close + 1;
  }
  return foldSpace(decodeCharacterEntities(text));
}

function separatorFor(tag: string): string {
  const name = /^\/?([a-zA-Z][a-zA-Z0-9]{0,9})/.exec(tag)?.[1]?.toLowerCase();
  if (name === undefined) {
    return '';
  }
  if (name === 'li') {
    return tag.startsWith('/') ? '' : '\n- ';
  }
  if (name === 'td' || name === 'th') {
    return ' ';
  }
  return LINE_BREAK_TAGS.has(name) ? '\n' : '';
}

function decodeCharacterEntities(text: string): string {
  if (!text.includes('&')) {
    return text;
  }
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/g, (match: string, body: string) => {
    const known = CHARACTER_ENTITIES[body];
    if (known !== undefined) {
      return known;
    }
    if (body.startsWith('#')) {
      const codePoint = body.startsWith('#x') ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff) ? String.fromCodePoint(codePoint) : match;
    }
    return match;
  });
}

function foldSpace(text: string): string | null {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim());
  const folded: string[] = [];
  for (const line of lines) {
    if (line === '' && (folded.length === 0 || folded.at(-1) === '')) {
      continue;
    }
    folded.push(line);
  }
  while (folded.at(-1) === '') {
    folded.pop();
  }
  return folded.length === 0 ? null : folded.join('\n');
}
