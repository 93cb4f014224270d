import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ReportRejectedError } from '@sieve/domain';
import { MAX_DOCUMENT_BYTES } from './report-input.js';
import { checkXmlMarkup, MAX_XML_DEPTH, type MarkupCheckOptions } from './xml-markup-check.js';
import { predefinedEntityDecoder } from './xml-references.js';

export { MAX_XML_DEPTH };

/**
 * One element of a parsed XML report. Attribute and text values are always
 * strings (never numbers or booleans), and `path` is an XPath-like location
 * such as /NessusClientData_v2/Report[1]/ReportHost[2], for warnings.
 */
export class XmlElement {
  constructor(
    readonly name: string,
    readonly path: string,
    readonly attributes: ReadonlyMap<string, string>,
    readonly children: readonly XmlElement[],
    /** Text and CDATA directly inside the element, joined. Text is trimmed and CDATA is kept as written. */
    readonly text: string,
  ) {}

  /** Trimmed attribute value, or null when absent or empty. */
  attribute(name: string): string | null {
    const value = this.attributes.get(name)?.trim();
    return value === undefined || value === '' ? null : value;
  }

  /** First child element with this name, or null. */
  child(name: string): XmlElement | null {
    return this.children.find((element) => element.name === name) ?? null;
  }

  childrenNamed(name: string): XmlElement[] {
    return this.children.filter((element) => element.name === name);
  }

  /** Trimmed text of the first child with this name, or null when absent or empty. */
  childText(name: string): string | null {
    return this.child(name)?.trimmedText() ?? null;
  }

  /** Trimmed text of this element, or null when empty. */
  trimmedText(): string | null {
    const value = this.text.trim();
    return value === '' ? null : value;
  }
}

export type XmlParseOptions = MarkupCheckOptions;

// fast-xml-parser throws on these names and renames a few more (such as
// "hasOwnProperty") through onDangerousProperty. A leading '~' cannot start an
// XML name, so it marks a renamed name unambiguously and is removed again below.
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const NAME_ESCAPE = '~';
const ATTRIBUTE_PREFIX = '@_';
const ATTRIBUTES_KEY = ':@';
const TEXT_KEY = '#text';
const CDATA_KEY = '#cdata';

/**
 * Parses an XML report safely. The markup is checked first (see
 * checkXmlMarkup): any DTD is rejected with 'xml_dtd_rejected' and its line,
 * unless options allow the element-declarations-only DOCTYPE Burp writes.
 * Then well-formedness is validated and the tree is built with no entity
 * expansion beyond the five predefined ones, string values only and nesting
 * capped at MAX_XML_DEPTH. Returns the root element.
 */
export function parseXmlDocument(text: string, options: XmlParseOptions = {}): XmlElement {
  if (text.length > MAX_DOCUMENT_BYTES) {
    throw new ReportRejectedError('too_large', `XML report of ${text.length} characters exceeds the ${MAX_DOCUMENT_BYTES}-character limit`);
  }
  const checked = checkXmlMarkup(text, options);

  const validation = XMLValidator.validate(checked, { allowBooleanAttributes: false });
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new ReportRejectedError('invalid_xml', `invalid XML: ${msg}`, `line ${line}, column ${col}`);
  }

  let nodes: unknown;
  try {
    nodes = newParser().parse(checked);
  } catch (error) {
    throw new ReportRejectedError('invalid_xml', `invalid XML: ${(error as Error).message}`, null, { cause: error });
  }
  const root = elementNodes(nodes)[0];
  if (root === undefined) {
    throw new ReportRejectedError('invalid_xml', 'invalid XML: no root element found');
  }
  return toElement(root.name, root.node, '');
}

function newParser(): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    entityDecoder: predefinedEntityDecoder(),
    cdataPropName: CDATA_KEY,
    ignoreDeclaration: true,
    ignorePiTags: true,
    allowBooleanAttributes: false,
    // checkXmlMarkup already rejects deeper documents, so this is a second guard.
    maxNestedTags: MAX_XML_DEPTH + 1,
    transformTagName: (name) => (RESERVED_NAMES.has(name) ? `${NAME_ESCAPE}${name}` : name),
    onDangerousProperty: (name) => `${NAME_ESCAPE}${name}`,
  });
}

interface NamedNode {
  name: string;
  node: Record<string, unknown>;
}

/** Element entries of a preserveOrder node list, skipping text, CDATA and attribute entries. */
function elementNodes(list: unknown): NamedNode[] {
  if (!Array.isArray(list)) {
    return [];
  }
  const named: NamedNode[] = [];
  for (const node of list) {
    if (typeof node !== 'object' || node === null) {
      continue;
    }
    const record = node as Record<string, unknown>;
    const key = Object.keys(record).find((k) => k !== ATTRIBUTES_KEY);
    if (key !== undefined && key !== TEXT_KEY && key !== CDATA_KEY) {
      named.push({ name: key, node: record });
    }
  }
  return named;
}

function toElement(key: string, node: Record<string, unknown>, parentPath: string, position = 1): XmlElement {
  const name = unescapeName(key);
  const path = `${parentPath}/${name}${parentPath === '' ? '' : `[${position}]`}`;
  const content = node[key];

  const counts = new Map<string, number>();
  const children = elementNodes(content).map((child) => {
    const childName = unescapeName(child.name);
    const index = (counts.get(childName) ?? 0) + 1;
    counts.set(childName, index);
    return toElement(child.name, child.node, path, index);
  });

  return new XmlElement(name, path, readAttributes(node[ATTRIBUTES_KEY]), children, readText(content));
}

function readAttributes(value: unknown): Map<string, string> {
  const attributes = new Map<string, string>();
  if (typeof value !== 'object' || value === null) {
    return attributes;
  }
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    if (key.startsWith(ATTRIBUTE_PREFIX) && typeof raw === 'string') {
      attributes.set(unescapeName(key.slice(ATTRIBUTE_PREFIX.length)), raw);
    }
  }
  return attributes;
}

function readText(content: unknown): string {
  if (!Array.isArray(content)) {
    return '';
  }
  let text = '';
  for (const node of content) {
    if (typeof node !== 'object' || node === null) {
      continue;
    }
    const record = node as Record<string, unknown>;
    if (typeof record[TEXT_KEY] === 'string') {
      text += record[TEXT_KEY];
    } else if (Array.isArray(record[CDATA_KEY])) {
      text += readText(record[CDATA_KEY]);
    }
  }
  return text;
}

function unescapeName(name: string): string {
  let start = 0;
  while (name[start] === NAME_ESCAPE) {
    start += 1;
  }
  return name.slice(start);
}

/** Maximum prolog length read by xmlRootTag. Burp's inline DTD is about 6 KB. */
const MAX_PROLOG_CHARS = 256 * 1024;

/**
 * Name and start tag of the root element, found by skipping the XML
 * declaration, comments, processing instructions and any DOCTYPE. It reads
 * at most the first 256 KB and never parses the document, so format
 * detection stays cheap. A DOCTYPE is skipped here and rejected later by
 * parseXmlDocument. Returns null when the text does not start like XML.
 */
export function xmlRootTag(text: string): { name: string; startTag: string } | null {
  const head = text.slice(0, MAX_PROLOG_CHARS);
  let index = 0;
  for (;;) {
    while (index < head.length && /\s/.test(head[index] ?? '')) {
      index += 1;
    }
    if (head[index] !== '<') {
      return null;
    }
    if (head.startsWith('<?', index)) {
      index = afterTerminator(head, '?>', index);
    } else if (head.startsWith('<!--', index)) {
      index = afterTerminator(head, '-->', index);
    } else if (head.startsWith('<!', index)) {
      index = afterDoctype(head, index);
    } else {
      const end = head.indexOf('>', index);
      if (end === -1) {
        return null;
      }
      const startTag = head.slice(index, end + 1);
      const name = /^<([^\s/>]{1,200})/.exec(startTag)?.[1];
      return name === undefined ? null : { name, startTag };
    }
    if (index === -1) {
      return null;
    }
  }
}

function afterTerminator(text: string, terminator: string, from: number): number {
  const end = text.indexOf(terminator, from);
  return end === -1 ? -1 : end + terminator.length;
}

function afterDoctype(text: string, from: number): number {
  const bracket = text.indexOf('[', from);
  const close = text.indexOf('>', from);
  if (close === -1) {
    return -1;
  }
  if (bracket === -1 || bracket > close) {
    return close + 1;
  }
  const subsetEnd = text.indexOf(']', bracket);
  return subsetEnd === -1 ? -1 : afterTerminator(text, '>', subsetEnd);
}
