import type { EntityDecoderOptions } from 'fast-xml-parser';

// The five entities XML predefines, and character references. Bounded
// quantifiers and no nesting, so the expression runs in linear time.
const REFERENCE = /&(?:#([0-9]{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Replaces the five predefined entities and character references with their
 * characters. Any other entity reference is left as written, because no
 * entity declared by the document is ever expanded.
 */
export function decodeXmlReferences(text: string): string {
  if (!text.includes('&')) {
    return text;
  }
  return text.replace(REFERENCE, (match: string, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) {
      return PREDEFINED[name] ?? match;
    }
    const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
    return isXmlChar(codePoint) ? String.fromCodePoint(codePoint) : match;
  });
}

/** XML 1.0 Char production: tab, line feed, carriage return and the ranges without surrogates and U+FFFE/U+FFFF. */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/**
 * Entity decoder handed to fast-xml-parser in place of its own, so that only
 * decodeXmlReferences runs. Documents with a DTD are rejected before parsing,
 * so the parser never has declared entities to add. If it had any, this
 * decoder throws.
 */
export function predefinedEntityDecoder(): EntityDecoderOptions {
  const rejectDeclared = (entities: Record<string, string>): void => {
    if (Object.keys(entities).length > 0) {
      throw new Error('declared XML entities are not supported');
    }
  };
  return {
    decode: decodeXmlReferences,
    reset: () => undefined,
    setXmlVersion: () => undefined,
    setExternalEntities: rejectDeclared,
    addInputEntities: rejectDeclared,
  };
}
