/**
 * Selection of the parts of a JSON document that the streaming scanner
 * reads, as a tree that mirrors the document. `'whole'` parses a value in one piece and emits it as
 * one event. A split selection reads a large value piece by piece: an array
 * element by element, an object member by member. A value whose JSON type the
 * selection does not split (a string, or an array where only `members` is
 * given) is emitted whole.
 */
export type JsonSelection = 'whole' | SplitSelection;

export interface SplitSelection {
  /** When the value is an array: how each element is read, each at path [...arrayPath, index]. */
  elements?: JsonSelection;

  /**
   * When the value is an object: members read by their own selection, each
   * emitted at paths below [...objectPath, key]. A listed member whose value
   * the selection does not split (null, a string) stays in the object's event.
   * Every other member is parsed whole into one event for the object, in which
   * each listed member that was split is an empty `[]` or `{}`.
   */
  members?: Readonly<Record<string, SplitSelection>>;

  /** When given, only these members (and those in `members`) go into the object's event; the others are skipped unparsed. */
  keep?: readonly string[];

  /**
   * Order of the object's event. `'document'` (the default) emits it when
   * the object closes, after the events of its split members. `'rest-first'`
   * emits it before them, so split members met before the object closes are
   * set aside as byte ranges. They are read again once it has closed, in the
   * order `members` lists them.
   */
  order?: 'document' | 'rest-first';

  /**
   * Members that the consumer reads from the object's event, used with
   * `'rest-first'`. When all of them come before a split member, the event
   * is emitted at that point with the members read so far, and the split
   * member is read in place instead of a second time. Members after it are then skipped, and
   * a repeated `needs` member is rejected, because the event already went out
   * with the earlier value.
   */
  needs?: readonly string[];
}

/** A selection with its lists turned into lookups, built once per stream. */
export interface CompiledSelection {
  whole: boolean;
  elements: CompiledSelection | null;
  members: Map<string, CompiledSelection>;
  /** Keys of `members` in the order they are listed, for the replay order of set-aside members. */
  memberOrder: string[];
  keep: Set<string> | null;
  restFirst: boolean;
  needs: string[] | null;
}

const WHOLE: CompiledSelection = {
  whole: true,
  elements: null,
  members: new Map(),
  memberOrder: [],
  keep: null,
  restFirst: false,
  needs: null,
};

export function compileSelection(selection: JsonSelection): CompiledSelection {
  if (selection === 'whole') {
    return WHOLE;
  }
  const members = new Map<string, CompiledSelection>();
  for (const [key, member] of Object.entries(selection.members ?? {})) {
    members.set(key, compileSelection(member));
  }
  return {
    whole: false,
    elements: selection.elements === undefined ? null : compileSelection(selection.elements),
    members,
    memberOrder: [...members.keys()],
    keep: selection.keep === undefined ? null : new Set(selection.keep),
    restFirst: selection.order === 'rest-first',
    needs: selection.needs === undefined ? null : [...selection.needs],
  };
}

/** True when the selection reads a value that starts with `firstByte` piece by piece. */
export function splitsValue(selection: CompiledSelection, firstByte: number): boolean {
  if (firstByte === 0x5b) {
    return selection.elements !== null;
  }
  return firstByte === 0x7b && selection.members.size > 0;
}
