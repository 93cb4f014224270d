import { pointer } from '../json-pointer.js';
import type { JsonPath } from './json-events.js';
import { JsonScanError } from './json-scan-error.js';

/** Sets an own property the way JSON.parse does, so a "__proto__" key stays a plain member. */
export function defineMember(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Parses a captured value; a syntax error names the file offset where JSON.parse stopped. */
export function parseJson(text: string, offset: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const at = position === null ? 0 : Buffer.byteLength(text.slice(0, Number(position[1])));
    throw new JsonScanError('invalid_json', `invalid JSON: ${(error as Error).message}`, offset + at, undefined, { cause: error });
  }
}

/** Formats a path as a JSON pointer, for messages. */
export function formatPath(path: JsonPath): string {
  return path.length === 0 ? '(the document root)' : pointer('', ...path);
}
