import type { ElementEnds } from './element-ends.js';
import type { JsonPath } from './json-events.js';
import type { CompiledSelection } from './json-selection.js';

/** An object the scanner walks member by member, with the members it keeps so far. */
export interface ObjectFrame {
  type: 'object';
  selection: CompiledSelection;
  path: JsonPath;
  state: 'first-key' | 'key' | 'colon' | 'value' | 'after-value';
  /** Name of the member being read. */
  key: string;
  /** The object's event value: the members kept so far, split members as empty placeholders. */
  rest: Record<string, unknown>;
  restBytes: number;
  /** Members listed in the selection's `members` met so far. */
  listedSeen: Set<string>;
  /** Split members set aside, with their byte ranges, to be read once the object closes. */
  deferred: Array<{ key: string; selection: CompiledSelection; start: number; end: number; elementEnds: ElementEnds | null }>;
  /** True once the object's event went out before the object closed. */
  emitted: boolean;
}

/** An array the scanner walks element by element. */
export interface ArrayFrame {
  type: 'array';
  selection: CompiledSelection;
  path: JsonPath;
  state: 'first-value' | 'value' | 'after-value';
  index: number;
}

export type Frame = ObjectFrame | ArrayFrame;

export function newObjectFrame(selection: CompiledSelection, path: JsonPath): ObjectFrame {
  return {
    type: 'object',
    selection,
    path,
    state: 'first-key',
    key: '',
    rest: {},
    restBytes: 0,
    listedSeen: new Set(),
    deferred: [],
    emitted: false,
  };
}

/**
 * True when a split member of a rest-first object can be read in place.
 * That requires every `needs` member in the object, nothing set aside, and
 * every member listed before it already met, so that the events still come
 * in the listed order.
 */
export function canReadInPlace(frame: ObjectFrame, key: string): boolean {
  const needs = frame.selection.needs;
  if (needs === null || frame.deferred.length > 0) {
    return false;
  }
  for (const listed of frame.selection.memberOrder) {
    if (listed === key) {
      break;
    }
    if (!frame.listedSeen.has(listed)) {
      return false;
    }
  }
  return frame.emitted || needs.every((need) => Object.prototype.hasOwnProperty.call(frame.rest, need));
}
