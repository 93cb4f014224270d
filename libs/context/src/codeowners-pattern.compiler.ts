/**
 * Compiles CODEOWNERS patterns (gitignore syntax as GitHub applies it) to
 * regular expressions over normalised repository paths.
 *
 * - A pattern with no slash, or only a trailing one, matches at any depth.
 *   A leading or inner slash anchors it at the repository root.
 * - A trailing `/` or `/**` matches everything below a directory. A last
 *   segment of exactly `*` matches the files directly in the folder only, as
 *   GitHub documents for `docs/*`. Any other pattern matches the entry itself
 *   and everything below it.
 * - `*` and `?` never cross `/`, a `**` segment spans zero or more segments,
 *   and `\` makes the next character literal.
 *
 * Paths come from scanner reports, so the expressions must stay fast on
 * hostile input. Backtracking over several `*` in one segment, or over
 * several `**`, is polynomial in the path length with one degree per
 * wildcard. Each inner piece is therefore matched at its leftmost position
 * and committed through an atomic group, `(?=(?<a>X))\k<a>`. Leftmost is
 * always the best choice when the gaps between pieces can absorb anything,
 * so only the last piece backtracks and the cost stays about quadratic.
 */

type GlobItem = { kind: 'literal'; text: string } | { kind: 'star' } | { kind: 'any' };

interface GlobSegment {
  items: GlobItem[];
  isDoubleStar: boolean;
}

/** Compiled expressions kept per pattern text; oldest entries go first once full. */
const CACHE_LIMIT = 10_000;
const cache = new Map<string, RegExp>();

export function compileCodeownersPattern(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached !== undefined) {
    return cached;
  }

  const compiled = new RegExp(buildExpression(pattern));

  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) {
      cache.delete(oldest);
    }
  }
  cache.set(pattern, compiled);
  return compiled;
}

function buildExpression(pattern: string): string {
  let segments = splitSegments(pattern);

  const anchoredAtRoot = segments.length > 1 && !(segments.length === 2 && isEmpty(segments[1]));
  let directoryOnly = segments.length > 1 && isEmpty(segments[segments.length - 1]);
  segments = segments.filter((segment) => !isEmpty(segment));

  const leadingGap = !anchoredAtRoot || segments[0]?.isDoubleStar === true;
  while (segments[0]?.isDoubleStar === true) {
    segments.shift();
  }
  while (segments[segments.length - 1]?.isDoubleStar === true) {
    segments.pop();
    directoryOnly = true;
  }

  if (segments.length === 0) {
    return '^.+$';
  }

  const last = segments[segments.length - 1]!;
  const filesDirectlyInFolder = last.items.length === 1 && last.items[0]?.kind === 'star';
  let tail = '(?:/.*)?';
  if (directoryOnly) {
    tail = '/.+';
  } else if (filesDirectlyInFolder) {
    tail = '';
  }

  const names = { next: 0 };
  const groups = splitAtDoubleStars(segments);
  let body = '';
  groups.forEach((group, index) => {
    const groupExpression = group.map((segment) => segmentExpression(segment, names)).join('/');
    const isFirst = index === 0;
    const isLast = index === groups.length - 1;
    const separator = isFirst ? '' : '/';

    if (isFirst && !leadingGap) {
      body += groupExpression;
    } else if (isLast) {
      body += `${separator}(?:|.*/)${groupExpression}`;
    } else {
      body += separator + atomic(`(?:|.*?/)${groupExpression}(?=/|$)`, names);
    }
  });

  return `^${body}${tail}$`;
}

function splitSegments(pattern: string): GlobSegment[] {
  const segments: GlobSegment[] = [];
  let items: GlobItem[] = [];
  let raw = '';

  const endSegment = (): void => {
    segments.push({ items, isDoubleStar: raw === '**' });
    items = [];
    raw = '';
  };

  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    const next = pattern[index + 1];

    if (char === '\\' && next !== undefined) {
      pushLiteral(items, next);
      raw += `\\${next}`;
      index += 1;
    } else if (char === '/') {
      endSegment();
    } else if (char === '*') {
      // A run of stars inside a segment is one star, as gitignore defines it.
      if (items[items.length - 1]?.kind !== 'star') {
        items.push({ kind: 'star' });
      }
      raw += char;
    } else if (char === '?') {
      items.push({ kind: 'any' });
      raw += char;
    } else {
      pushLiteral(items, char);
      raw += char;
    }
  }

  endSegment();
  return segments;
}

function pushLiteral(items: GlobItem[], char: string): void {
  const previous = items[items.length - 1];
  if (previous?.kind === 'literal') {
    previous.text += char;
  } else {
    items.push({ kind: 'literal', text: char });
  }
}

function isEmpty(segment: GlobSegment | undefined): boolean {
  return segment !== undefined && segment.items.length === 0;
}

function splitAtDoubleStars(segments: GlobSegment[]): GlobSegment[][] {
  const groups: GlobSegment[][] = [[]];
  for (const segment of segments) {
    if (segment.isDoubleStar) {
      if (groups[groups.length - 1]!.length > 0) {
        groups.push([]);
      }
    } else {
      groups[groups.length - 1]!.push(segment);
    }
  }
  return groups;
}

/** Builds the expression of one segment, with every piece between two stars committed at its leftmost match. */
function segmentExpression(segment: GlobSegment, names: { next: number }): string {
  const pieces: string[] = [''];
  for (const item of segment.items) {
    if (item.kind === 'star') {
      pieces.push('');
    } else {
      pieces[pieces.length - 1] += item.kind === 'any' ? '[^/]' : escapeRegExp(item.text);
    }
  }

  if (pieces.length === 1) {
    return pieces[0]!;
  }

  const first = pieces[0]!;
  const lastPiece = pieces[pieces.length - 1]!;
  const inner = pieces.slice(1, -1).map((piece) => atomic(`[^/]*?${piece}`, names));
  return `${first}${inner.join('')}[^/]*${lastPiece}`;
}

function atomic(expression: string, names: { next: number }): string {
  const name = `a${names.next}`;
  names.next += 1;
  return `(?=(?<${name}>${expression}))\\k<${name}>`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
