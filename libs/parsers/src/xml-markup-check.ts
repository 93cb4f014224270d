import { ReportRejectedError } from '@sieve/domain';

/**
 * Deepest element nesting accepted. The sample reports of the XML formats
 * read here nest at most 8 levels, so a much deeper document is broken or
 * built to exhaust the parser.
 */
export const MAX_XML_DEPTH = 64;

/** Maximum DOCTYPE length accepted. Burp's DOCTYPE, the only kind accepted, is about 6 KB. */
const MAX_DOCTYPE_CHARS = 64 * 1024;
/** Maximum length between "<!DOCTYPE" and the start of its internal subset. */
const MAX_DOCTYPE_NAME_CHARS = 1024;

export interface MarkupCheckOptions {
  /**
   * Accepts a DOCTYPE whose internal subset contains only <!ELEMENT> and
   * <!ATTLIST> declarations and comments, with no external identifier and no
   * entity or parameter-entity reference, and blanks it out. Every other DTD
   * is still rejected. Burp Suite writes such a DOCTYPE into each XML export.
   */
  ignoreElementDeclarations?: boolean;
}

/**
 * Checks the markup of an XML text before any parser reads it: rejects a
 * DTD (DOCTYPE, ENTITY and other declarations), nesting deeper than
 * MAX_XML_DEPTH, mismatched or unclosed elements and a missing root. Returns
 * the text, with an accepted DOCTYPE replaced by spaces of the same length
 * and line breaks so later positions keep their line numbers. One pass, no
 * regular expressions over the document.
 */
export function checkXmlMarkup(text: string, options: MarkupCheckOptions = {}): string {
  const lines = new LineCounter(text);
  const stack: Array<{ name: string; line: number }> = [];
  let rootSeen = false;
  let blanked: { start: number; end: number } | null = null;
  let index = 0;

  for (;;) {
    const open = text.indexOf('<', index);
    if (open === -1) {
      break;
    }

    if (text.startsWith('<?', open)) {
      index = endOf(text, '?>', open + 2, 'processing instruction', lines);
      checkQuotesClosed(text, open + 2, index - 2, lines);
    } else if (text.startsWith('<!--', open)) {
      index = endOf(text, '-->', open + 4, 'comment', lines);
    } else if (text.startsWith('<![CDATA[', open)) {
      index = endOf(text, ']]>', open + 9, 'CDATA section', lines);
    } else if (text.startsWith('<!', open)) {
      if (!options.ignoreElementDeclarations || rootSeen || blanked !== null || !text.startsWith('<!DOCTYPE', open)) {
        throw dtdRejected(text, open, lines);
      }
      const end = elementDeclarationsOnlyEnd(text, open, lines);
      blanked = { start: open, end };
      index = end;
    } else if (text.startsWith('</', open)) {
      index = closeElement(text, open, stack, lines);
    } else {
      const element = readStartTag(text, open, lines);
      if (stack.length === 0 && rootSeen) {
        throw invalidXml(`a second root element <${element.name}> follows the first one`, lines.lineAt(open));
      }
      rootSeen = true;
      if (!element.selfClosing) {
        if (stack.length >= MAX_XML_DEPTH) {
          throw new ReportRejectedError('xml_too_deep', `XML nests elements deeper than ${MAX_XML_DEPTH} levels`, `line ${lines.lineAt(open)}`);
        }
        stack.push({ name: element.name, line: lines.lineAt(open) });
      }
      index = element.end;
    }
  }

  const unclosed = stack.at(-1);
  if (unclosed !== undefined) {
    throw new ReportRejectedError(
      'truncated_xml',
      `XML ends before <${unclosed.name}>, opened at line ${unclosed.line}, is closed (the file looks truncated)`,
      `line ${lines.lineAt(text.length)}`,
    );
  }
  if (!rootSeen) {
    throw invalidXml('no root element found', lines.lineAt(text.length));
  }
  return blanked === null ? text : blankOut(text, blanked.start, blanked.end);
}

/** Counts line breaks up to a position. Callers ask for positions in increasing order. */
class LineCounter {
  private position = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  lineAt(index: number): number {
    for (;;) {
      const next = this.text.indexOf('\n', this.position);
      if (next === -1 || next >= index) {
        return this.line;
      }
      this.line += 1;
      this.position = next + 1;
    }
  }
}

function endOf(text: string, terminator: string, from: number, construct: string, lines: LineCounter): number {
  const end = text.indexOf(terminator, from);
  if (end === -1) {
    throw new ReportRejectedError('truncated_xml', `XML ends inside a ${construct} (the file looks truncated)`, `line ${lines.lineAt(from)}`);
  }
  return end + terminator.length;
}

function closeElement(text: string, open: number, stack: Array<{ name: string; line: number }>, lines: LineCounter): number {
  const end = text.indexOf('>', open);
  if (end === -1) {
    throw new ReportRejectedError('truncated_xml', 'XML ends inside a closing tag (the file looks truncated)', `line ${lines.lineAt(open)}`);
  }
  const name = text.slice(open + 2, end).trim();
  const top = stack.pop();
  if (top === undefined) {
    throw invalidXml(`closing tag </${name.slice(0, 100)}> has no matching start tag`, lines.lineAt(open));
  }
  if (top.name !== name) {
    throw invalidXml(`closing tag </${name.slice(0, 100)}> does not match <${top.name}> opened at line ${top.line}`, lines.lineAt(open));
  }
  return end + 1;
}

/** Reads a start tag from its '<', skipping quoted attribute values, which may contain '>'. */
function readStartTag(text: string, open: number, lines: LineCounter): { name: string; selfClosing: boolean; end: number } {
  let nameEnd = open + 1;
  while (nameEnd < text.length && !isNameTerminator(text.charCodeAt(nameEnd))) {
    nameEnd += 1;
  }
  const name = text.slice(open + 1, nameEnd);
  if (name.length === 0) {
    throw invalidXml("'<' is not followed by an element name", lines.lineAt(open));
  }

  let index = nameEnd;
  while (index < text.length) {
    const char = text[index];
    if (char === '"' || char === "'") {
      const close = text.indexOf(char, index + 1);
      if (close === -1) {
        break;
      }
      index = close + 1;
    } else if (char === '>') {
      return { name, selfClosing: text[index - 1] === '/', end: index + 1 };
    } else if (char === '<') {
      throw invalidXml(`start tag <${name.slice(0, 100)}> is not closed with '>'`, lines.lineAt(open));
    } else {
      index += 1;
    }
  }
  throw new ReportRejectedError('truncated_xml', `XML ends inside the start tag <${name.slice(0, 100)}> (the file looks truncated)`, `line ${lines.lineAt(open)}`);
}

// fast-xml-parser 5 skips quoted values inside a processing instruction
// while it looks for '?>', so an unclosed quote there fails in that parser
// with no position. Rejected here with the line of the quote.
function checkQuotesClosed(text: string, start: number, end: number, lines: LineCounter): void {
  let index = start;
  while (index < end) {
    const char = text[index];
    if (char === '"' || char === "'") {
      const close = text.indexOf(char, index + 1);
      if (close === -1 || close >= end) {
        throw invalidXml(`processing instruction has a ${char} quote that is not closed before '?>'`, lines.lineAt(index));
      }
      index = close;
    }
    index += 1;
  }
}

function isNameTerminator(code: number): boolean {
  // white space, '/', '>' and '<'
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x2f || code === 0x3e || code === 0x3c;
}

/**
 * Returns the end of a DOCTYPE that has no external identifier and whose
 * internal subset contains only element and attribute-list declarations and
 * comments, or throws xml_dtd_rejected naming the line of what is not allowed.
 */
function elementDeclarationsOnlyEnd(text: string, open: number, lines: LineCounter): number {
  let index = open + '<!DOCTYPE'.length;
  while (index < text.length && text[index] !== '[' && text[index] !== '>') {
    const char = text[index];
    if (char === '"' || char === "'") {
      throw dtdRejected(text, open, lines, 'the DOCTYPE names an external DTD');
    }
    if (index - open > MAX_DOCTYPE_NAME_CHARS) {
      throw dtdRejected(text, open, lines, `the DOCTYPE has no internal subset within ${MAX_DOCTYPE_NAME_CHARS} characters`);
    }
    index += 1;
  }
  if (index >= text.length) {
    throw new ReportRejectedError('truncated_xml', 'XML ends inside the DOCTYPE (the file looks truncated)', `line ${lines.lineAt(open)}`);
  }
  const header = text.slice(open + '<!DOCTYPE'.length, index);
  if (/\b(?:SYSTEM|PUBLIC)\b/.test(header)) {
    throw dtdRejected(text, open, lines, 'the DOCTYPE names an external DTD');
  }
  if (text[index] === '>') {
    return index + 1;
  }

  index += 1;
  for (;;) {
    while (index < text.length && isWhiteSpace(text.charCodeAt(index))) {
      index += 1;
    }
    if (index >= text.length) {
      throw new ReportRejectedError('truncated_xml', 'XML ends inside the DOCTYPE (the file looks truncated)', `line ${lines.lineAt(open)}`);
    }
    if (index - open > MAX_DOCTYPE_CHARS) {
      throw dtdRejected(text, open, lines, `the DTD is longer than ${MAX_DOCTYPE_CHARS} characters`);
    }
    if (text[index] === ']') {
      const close = text.indexOf('>', index);
      if (close === -1 || text.slice(index + 1, close).trim() !== '') {
        throw dtdRejected(text, index, lines, 'the DOCTYPE is not closed after its internal subset');
      }
      return close + 1;
    }
    if (text.startsWith('<!--', index)) {
      index = endOf(text, '-->', index + 4, 'comment', lines);
    } else if (text.startsWith('<!ELEMENT', index) || text.startsWith('<!ATTLIST', index)) {
      index = declarationEnd(text, index, lines);
    } else {
      throw dtdRejected(text, index, lines, 'the DTD contains a declaration other than <!ELEMENT> or <!ATTLIST>');
    }
  }
}

/** Returns the end of one <!ELEMENT> or <!ATTLIST> declaration. A reference ('&' or '%') in it rejects the DTD. */
function declarationEnd(text: string, start: number, lines: LineCounter): number {
  let index = start + 2;
  while (index < text.length) {
    const char = text[index];
    if (char === '&' || char === '%') {
      throw dtdRejected(text, index, lines, 'the DTD contains an entity reference');
    }
    if (char === '"' || char === "'") {
      const close = text.indexOf(char, index + 1);
      if (close === -1) {
        break;
      }
      const literal = text.slice(index + 1, close);
      if (literal.includes('&') || literal.includes('%')) {
        throw dtdRejected(text, index, lines, 'the DTD contains an entity reference');
      }
      index = close + 1;
    } else if (char === '>') {
      return index + 1;
    } else {
      index += 1;
    }
  }
  throw new ReportRejectedError('truncated_xml', 'XML ends inside the DOCTYPE (the file looks truncated)', `line ${lines.lineAt(start)}`);
}

function isWhiteSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function dtdRejected(text: string, at: number, lines: LineCounter, reason?: string): ReportRejectedError {
  const keyword = /^<!([A-Za-z]{1,12})/.exec(text.slice(at, at + 14))?.[1] ?? text.slice(at, at + 10);
  const detail = reason ?? `the document contains a <!${keyword}> declaration`;
  return new ReportRejectedError(
    'xml_dtd_rejected',
    `XML with a DTD is rejected (${detail}); DTDs allow entity expansion and external entity (XXE) attacks`,
    `line ${lines.lineAt(at)}`,
  );
}

function invalidXml(problem: string, line: number): ReportRejectedError {
  return new ReportRejectedError('invalid_xml', `invalid XML: ${problem}`, `line ${line}`);
}

function blankOut(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end);
}
