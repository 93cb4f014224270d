import type { ElementEnds } from './element-ends.js';
import type { CompiledSelection } from './json-selection.js';

/** Keys and array indexes from the document root to a value. */
export type JsonPath = ReadonlyArray<string | number>;

/** One value the selection asked for. */
export interface JsonValueEvent {
  path: JsonPath;
  value: unknown;
}

/** A member set aside by a `rest-first` selection, to be read again from its byte range. */
export interface Replay {
  path: JsonPath;
  selection: CompiledSelection;
  /** File offsets of the member's first byte and of the byte after its last. */
  start: number;
  end: number;
  /** Depth of the object that contains the member, so that the depth limit stays absolute. */
  depth: number;
  /** End offsets of the member's elements, when they were noted on the first pass. */
  elementEnds: ElementEnds | null;
}
